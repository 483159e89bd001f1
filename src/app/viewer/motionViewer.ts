// The reusable three.js motion viewer: a scene with a floor grid, an orbit camera and any number of figures played
// in sync at the clips' frame rate (e.g. one dataset clip, "before" and "after" side by side, or a motion next to
// the simulated ragdoll's bodies), with foot contacts marked on the floor. Joint positions and contacts are computed
// once per clip (setClips); the render loop only poses existing meshes and renders on change. Changing the figures
// keeps the renderer (one WebGL context for the page's lifetime).

import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Clip } from '../../core/motion/clip';
import { jointPositions } from '../../core/motion/fk';
import { NUM_JOINTS, J } from '../../core/motion/skeleton';
import { CapsuleFigure, PENETRATION_COLOR } from './capsuleFigure';
import { FLOOR_TOLERANCE } from './bodyShape';
import { CONTACT_COLOR, ContactMarks } from './contactMarks';
import { footContactFlags } from './contacts';
import { RagdollFigure } from './ragdollFigure';
import { TextSprite } from './textSprite';

/** One figure to show: a clip, its colour, an optional sideways shift (m) and an optional floating label. */
export interface ViewerClip {
  clip: Clip;
  color: string;
  offsetX?: number;
  label?: string;
  /** Joint positions to draw instead of the clip's forward kinematics (frames × 22 × 3), e.g. a simulation's. */
  positions?: Float32Array;
  /** 1 = solid (default); below 1 draws a see-through figure, e.g. a ragdoll over its reference motion. */
  opacity?: number;
  /** World rotations of the joints (frames × 22 × 4, src/core/physics ragdollPose): draws the simulated ragdoll's
   *  bodies (capsules, head ball, foot boxes) instead of the skeleton's capsule figure. Needs `positions`. */
  ragdollRotations?: Float64Array;
  /** Mark the feet's floor contacts (default true). */
  contacts?: boolean;
}

export interface MotionViewer {
  /** Replaces the figures shown. Playback continues from the current time, wrapped to the new clips' length. */
  setClips(clips: ViewerClip[]): void;
  play(): void;
  pause(): void;
  /** Playback speed factor (1 = real time, the clips' fps); clamped to [0.05, 8]. */
  setSpeed(speed: number): void;
  /** Camera follows the figures (the mean pelvis, horizontally) as they move (default on); the user's orbit,
   *  zoom and pan are kept, as offsets from the followed point. */
  setFollow(on: boolean): void;
  /** Shows frame f (wrapped into range); keeps the play/pause state. */
  setFrame(f: number): void;
  /** Current frame index (of the longest clip). */
  readonly frame: number;
  /** Number of frames of the longest clip shown (0 when none). */
  readonly nFrames: number;
  /** Number of figures drawn (capsule figures and ragdolls). */
  readonly figures: number;
  readonly playing: boolean;
  /** Calls `cb(frame)` whenever the shown frame changes; returns an unsubscribe function. */
  onFrame(cb: (frame: number) => void): () => void;
  /** Stops the loop and frees every GPU resource. The canvas stays in the DOM. */
  dispose(): void;
}

/** Height (m) of the floating figure labels. */
const LABEL_HEIGHT = 0.12;

/**
 * Drawing-buffer pixels per CSS pixel on a software rasteriser. Measured in headless Chromium on SwiftShader (2-core
 * machine, the first page with its clip playing, main-thread long tasks over 5 s): full resolution with 8×
 * anisotropic filtering of the floor, 4.85–4.94 s of long tasks (the main thread never free: each frame's compositor
 * commit waits ~100 ms for the rasteriser); without anisotropy 0.25–0.94 s; without anisotropy at 0.75, 50–58 ms.
 */
const SOFTWARE_PIXEL_RATIO = 0.75;

/** Background (clear) colour of the viewer; tests compare pixels against it. */
export const VIEWER_CLEAR_COLOR = '#14171c';

interface Shown {
  figure: CapsuleFigure | null;
  ragdoll: { figure: RagdollFigure; rotations: Float64Array } | null;
  contacts: { marks: ContactMarks; flags: Uint8Array } | null;
  positions: Float32Array;
  nFrames: number;
  offsetX: number;
  label: TextSprite | null;
}

export function createMotionViewer(canvas: HTMLCanvasElement): MotionViewer {
  // On a software rasteriser (SwiftShader in headless CI, llvmpipe) multisampling, shadows, anisotropic filtering
  // and pixels cost most of the CPU; drop them there so the page stays responsive (SOFTWARE_PIXEL_RATIO says what
  // was measured). Antialiasing is fixed when the context is made, so a throwaway context asks first.
  const software = softwareRenderer();
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: !software, preserveDrawingBuffer: false });
  renderer.setPixelRatio(software ? SOFTWARE_PIXEL_RATIO : Math.min(window.devicePixelRatio || 1, 2));
  renderer.shadowMap.enabled = !software;
  renderer.shadowMap.type = THREE.PCFShadowMap;
  renderer.setClearColor(VIEWER_CLEAR_COLOR, 1);

  const scene = new THREE.Scene();
  scene.background = new THREE.Color(VIEWER_CLEAR_COLOR);
  scene.fog = new THREE.Fog(VIEWER_CLEAR_COLOR, 12, 30);

  const camera = new THREE.PerspectiveCamera(40, 1, 0.05, 100);
  camera.position.set(1.6, 1.7, 4.6);
  const controls = new OrbitControls(camera, canvas);
  controls.target.set(0, 0.9, 0);
  controls.enableDamping = true;
  controls.dampingFactor = 0.12;
  controls.maxPolarAngle = Math.PI * 0.495; // stay above the floor
  controls.minDistance = 0.8;
  controls.maxDistance = 25;
  controls.update();

  scene.add(new THREE.HemisphereLight('#dfe8ff', '#2a2420', 1.4));
  const sun = new THREE.DirectionalLight('#ffffff', 2.2);
  sun.position.set(3, 6, 4);
  sun.castShadow = true;
  sun.shadow.mapSize.set(1024, 1024);
  sun.shadow.bias = -0.0005;
  sun.shadow.normalBias = 0.02;
  const sc = sun.shadow.camera;
  sc.left = -5; sc.right = 5; sc.top = 5; sc.bottom = -5; sc.near = 0.5; sc.far = 20;
  scene.add(sun, sun.target);

  // Floor: a 60 m plane textured with a 1 m checker grid (a texture, not lines, so it reads at any distance).
  const floorGeometry = new THREE.PlaneGeometry(60, 60);
  const floorTexture = gridTexture(software ? 1 : renderer.capabilities.getMaxAnisotropy());
  floorTexture.repeat.set(60, 60);
  const floorMaterial = new THREE.MeshStandardMaterial({ map: floorTexture, roughness: 0.95 });
  const floor = new THREE.Mesh(floorGeometry, floorMaterial);
  floor.rotation.x = -Math.PI / 2;
  floor.receiveShadow = true;
  scene.add(floor);

  // Geometries shared by every figure: a unit open cylinder along Y and a unit sphere.
  const cylinder = new THREE.CylinderGeometry(1, 1, 1, 14, 1, true);
  const sphere = new THREE.SphereGeometry(1, 18, 12);
  const box = new THREE.BoxGeometry(1, 1, 1);
  // Foot-contact marks: flat discs just above the floor.
  const disc = new THREE.CylinderGeometry(1, 1, 0.004, 24);
  const contactMaterial = new THREE.MeshBasicMaterial({
    color: CONTACT_COLOR, transparent: true, opacity: 0.85, depthWrite: false, polygonOffset: true, polygonOffsetFactor: -2,
  });
  // Body parts below the floor: red, seen through the floor (only y < −5 mm is drawn).
  renderer.localClippingEnabled = true;
  const xray = new THREE.MeshLambertMaterial({
    color: PENETRATION_COLOR,
    emissive: '#5a0000',
    transparent: true,
    opacity: 0.9,
    depthTest: false,
    depthWrite: false,
    clippingPlanes: [new THREE.Plane(new THREE.Vector3(0, -1, 0), -FLOOR_TOLERANCE)],
  });

  let shown: Shown[] = [];
  let nFrames = 0;
  let fps = 20;
  let speed = 1;
  let time = 0; // seconds into the loop
  let frame = 0;
  let playing = false;
  let dirty = true;
  let framed = false;
  let last = performance.now();
  let raf = 0;
  let disposed = false;
  /**
   * Frames are drawn on demand: the loop runs while playing or while the camera settles, and anything that changes
   * the picture calls invalidate(). An idle viewer requests no animation frame, so the page produces no frames for
   * it; a loop running every frame cost a main-thread frame and commit per display refresh during a whole run.
   */
  const invalidate = () => {
    dirty = true;
    if (raf || disposed) return;
    last = performance.now();
    raf = requestAnimationFrame(loop);
  };
  const listeners = new Set<(frame: number) => void>();
  const notify = (cb: (frame: number) => void) => cb(frame);
  let follow = true;
  // The followed point (mean pelvis of the figures, x and z) the camera was last moved with.
  let followX = 0;
  let followZ = 0;

  /** Writes the mean pelvis (x, z) of the shown figures at the current frame into centroid[0..1]; false if none. */
  const centroid = new Float64Array(2);
  const figureCentroid = (): boolean => {
    if (shown.length === 0) return false;
    let x = 0;
    let z = 0;
    for (let i = 0; i < shown.length; i++) {
      const s = shown[i];
      const o = (s.nFrames > 0 ? frame % s.nFrames : 0) * NUM_JOINTS * 3;
      x += s.positions[o] + s.offsetX;
      z += s.positions[o + 2];
    }
    centroid[0] = x / shown.length;
    centroid[1] = z / shown.length;
    return true;
  };

  /** Moves camera, target and sun by how far the figures moved since the last call (no allocation). */
  const followFigures = () => {
    if (!follow || !figureCentroid()) return;
    const dx = centroid[0] - followX;
    const dz = centroid[1] - followZ;
    followX = centroid[0];
    followZ = centroid[1];
    if (dx === 0 && dz === 0) return;
    controls.target.x += dx;
    controls.target.z += dz;
    camera.position.x += dx;
    camera.position.z += dz;
    sun.position.x += dx;
    sun.position.z += dz;
    sun.target.position.x += dx;
    sun.target.position.z += dz;
  };

  const pose = () => {
    for (let i = 0; i < shown.length; i++) {
      const s = shown[i];
      const f = s.nFrames > 0 ? frame % s.nFrames : 0;
      s.figure?.update(s.positions, f, s.offsetX);
      s.ragdoll?.figure.update(s.positions, s.ragdoll.rotations, f, s.offsetX);
      s.contacts?.marks.update(s.contacts.flags, s.positions, f, s.offsetX);
      if (s.label) {
        const o = (f * NUM_JOINTS + J.head) * 3;
        s.label.sprite.position.set(s.positions[o] + s.offsetX, s.positions[o + 1] + 0.42, s.positions[o + 2]);
      }
    }
    followFigures();
    invalidate();
  };

  const showFrame = (f: number) => {
    const wrapped = nFrames > 0 ? ((f % nFrames) + nFrames) % nFrames : 0;
    if (wrapped !== frame || dirty) {
      frame = wrapped;
      pose();
      listeners.forEach(notify);
    }
  };

  /**
   * Points the camera at the figures, keeping the user's viewing angle: when following, at the figures of the current
   * frame (fitting their spread); otherwise at the middle of everything the clips cover.
   */
  const frameScene = () => {
    const box = new THREE.Box3();
    const p = new THREE.Vector3();
    for (const s of shown) {
      if (follow) {
        const o = (s.nFrames > 0 ? Math.floor(time * fps) % s.nFrames : 0) * NUM_JOINTS * 3;
        for (let j = 0; j < NUM_JOINTS; j++) {
          box.expandByPoint(p.set(s.positions[o + j * 3] + s.offsetX, s.positions[o + j * 3 + 1], s.positions[o + j * 3 + 2]));
        }
        continue;
      }
      for (let i = 0; i < s.positions.length; i += 3) {
        box.expandByPoint(p.set(s.positions[i] + s.offsetX, s.positions[i + 1], s.positions[i + 2]));
      }
    }
    if (box.isEmpty()) return;
    const center = box.getCenter(new THREE.Vector3());
    const size = box.getSize(new THREE.Vector3());
    const target = new THREE.Vector3(center.x, 0.9, center.z);
    const offset = camera.position.clone().sub(controls.target);
    const fit = Math.max(3.6, 1.15 * Math.max(size.x, size.z) + 2.0);
    if (!framed) offset.set(0.45, 0.32, 1).normalize().multiplyScalar(fit);
    else offset.setLength(Math.max(offset.length(), fit * 0.8));
    controls.target.copy(target);
    camera.position.copy(target).add(offset);
    sun.position.set(target.x + 3, 6, target.z + 4);
    sun.target.position.copy(target);
    const half = Math.max(5, 0.75 * Math.max(size.x, size.z) + 2);
    sc.left = -half; sc.right = half; sc.top = half; sc.bottom = -half;
    sc.updateProjectionMatrix();
    controls.update();
    framed = true;
    // The camera now frames the current figures: follow from here.
    frame = nFrames > 0 ? Math.floor(time * fps) % nFrames : 0;
    if (figureCentroid()) {
      followX = centroid[0];
      followZ = centroid[1];
    }
  };

  const resize = () => {
    const parent = canvas.parentElement;
    const w = Math.max(1, Math.floor(parent ? parent.clientWidth : canvas.clientWidth));
    const h = Math.max(1, Math.floor(parent ? parent.clientHeight : canvas.clientHeight));
    renderer.setSize(w, h, false);
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
    invalidate();
  };
  const resizeObserver = new ResizeObserver(resize);
  resizeObserver.observe(canvas.parentElement ?? canvas);
  resize();

  controls.addEventListener('change', invalidate);
  canvas.addEventListener('webglcontextrestored', invalidate);

  // The label sprites' shader is compiled when the viewer is made and kept by a sprite that is never drawn, so the
  // first labelled figures (a run's "before" / "after") do not compile it. On a resumed run's page that compile fell
  // in the frame that drew the generation's figures, whose commit took about 200 ms on SwiftShader while it trained.
  const warmLabel = new TextSprite(' ');
  renderer.compile(new THREE.Scene().add(warmLabel.sprite), camera, scene);

  function loop(now: number): void {
    raf = 0;
    if (disposed) return;
    const dt = Math.min(0.1, Math.max(0, (now - last) / 1000)); // a hidden tab does not jump ahead
    last = now;
    if (playing && nFrames > 0) {
      time = (time + dt * speed) % (nFrames / fps);
      showFrame(Math.floor(time * fps));
    }
    const settling = controls.update(); // true while the orbit's damping still moves the camera
    if (dirty) {
      renderer.render(scene, camera);
      dirty = false;
    }
    if (retired.length > 0) freeRetired();
    if (!raf && (playing || settling)) raf = requestAnimationFrame(loop);
  }

  /**
   * Figures taken off the scene by setClips are freed only after the next draw: until then their materials keep the
   * shader programs alive that the new figures' materials share, so three.js does not compile them again. Freed
   * first, the programs were dropped and recompiled on every change of figures; on SwiftShader each clip switch was
   * then a 95–131 ms main-thread task (the compositor commit waiting for the GPU process to compile).
   */
  let retired: Shown[] = [];
  const clearShown = () => {
    for (const s of shown) {
      s.figure?.group.removeFromParent();
      s.ragdoll?.figure.group.removeFromParent();
      s.contacts?.marks.mesh.removeFromParent();
      s.label?.sprite.removeFromParent();
      retired.push(s);
    }
    shown = [];
  };
  const freeRetired = () => {
    for (const s of retired) {
      s.figure?.dispose();
      s.ragdoll?.figure.dispose();
      s.contacts?.marks.dispose();
      s.label?.dispose();
    }
    retired = [];
  };

  return {
    setClips(clips) {
      clearShown();
      nFrames = 0;
      for (const c of clips) {
        const positions = c.positions ?? jointPositions(c.clip);
        if (positions.length < c.clip.nFrames * NUM_JOINTS * 3) {
          throw new Error(`viewer clip ${c.clip.id}: positions has ${positions.length} values, expected ${c.clip.nFrames * NUM_JOINTS * 3}`);
        }
        let figure: CapsuleFigure | null = null;
        let ragdoll: Shown['ragdoll'] = null;
        if (c.ragdollRotations) {
          if (c.ragdollRotations.length < c.clip.nFrames * NUM_JOINTS * 4) {
            throw new Error(`viewer clip ${c.clip.id}: ragdollRotations has ${c.ragdollRotations.length} values, expected ${c.clip.nFrames * NUM_JOINTS * 4}`);
          }
          const r = new RagdollFigure(cylinder, sphere, box, xray, c.color, c.opacity ?? 1);
          scene.add(r.group);
          ragdoll = { figure: r, rotations: c.ragdollRotations };
        } else {
          figure = new CapsuleFigure(cylinder, sphere, xray, c.color, c.opacity ?? 1);
          scene.add(figure.group);
        }
        let contacts: Shown['contacts'] = null;
        if (c.contacts !== false) {
          const marks = new ContactMarks(disc, contactMaterial);
          scene.add(marks.mesh);
          contacts = { marks, flags: footContactFlags(positions, c.clip.nFrames) };
        }
        const label = c.label ? new TextSprite(c.label, undefined, LABEL_HEIGHT) : null;
        if (label) scene.add(label.sprite);
        shown.push({ figure, ragdoll, contacts, positions, nFrames: c.clip.nFrames, offsetX: c.offsetX ?? 0, label });
        nFrames = Math.max(nFrames, c.clip.nFrames);
        fps = c.clip.fps;
      }
      if (nFrames > 0) time %= nFrames / fps;
      frameScene();
      invalidate();
      showFrame(Math.floor(time * fps));
    },
    play() {
      playing = true;
      invalidate(); // starts the loop
    },
    pause() {
      playing = false;
    },
    setFollow(on) {
      follow = on;
      if (on) frameScene();
      invalidate();
    },
    setSpeed(s) {
      speed = Number.isFinite(s) ? Math.min(8, Math.max(0.05, s)) : 1;
    },
    setFrame(f) {
      if (nFrames === 0) return;
      const wrapped = ((Math.round(f) % nFrames) + nFrames) % nFrames;
      time = (wrapped + 0.5) / fps;
      showFrame(wrapped);
    },
    get frame() {
      return frame;
    },
    get nFrames() {
      return nFrames;
    },
    get figures() {
      return shown.length;
    },
    get playing() {
      return playing;
    },
    onFrame(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    dispose() {
      disposed = true;
      cancelAnimationFrame(raf);
      canvas.removeEventListener('webglcontextrestored', invalidate);
      resizeObserver.disconnect();
      listeners.clear();
      clearShown();
      freeRetired();
      warmLabel.dispose();
      controls.dispose();
      cylinder.dispose();
      sphere.dispose();
      box.dispose();
      disc.dispose();
      contactMaterial.dispose();
      xray.dispose();
      floorGeometry.dispose();
      floorMaterial.dispose();
      floorTexture.dispose();
      sun.dispose();
      renderer.renderLists.dispose();
      renderer.dispose();
    },
  };
}

/** One 1 m floor tile: two-tone checker halves with thin lines every 0.5 m, repeated over the floor. */
function gridTexture(anisotropy: number): THREE.CanvasTexture {
  const size = 256;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    const h = size / 2;
    ctx.fillStyle = '#262b34';
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = '#2d333d';
    ctx.fillRect(0, 0, h, h);
    ctx.fillRect(h, h, h, h);
    ctx.strokeStyle = '#4a5362';
    ctx.lineWidth = 3;
    ctx.strokeRect(0, 0, size, size);
    ctx.strokeStyle = '#3a414d';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(h, 0);
    ctx.lineTo(h, size);
    ctx.moveTo(0, h);
    ctx.lineTo(size, h);
    ctx.stroke();
  }
  const t = new THREE.CanvasTexture(canvas);
  t.wrapS = THREE.RepeatWrapping;
  t.wrapT = THREE.RepeatWrapping;
  t.colorSpace = THREE.SRGBColorSpace;
  t.anisotropy = Math.min(8, anisotropy);
  return t;
}

/** True when WebGL runs on a CPU rasteriser (SwiftShader, llvmpipe), as far as the browser tells; asked of a
 *  throwaway context, released at once. */
let cpuRasteriser: boolean | undefined; // the page's renderer does not change: ask once
export function softwareRenderer(): boolean {
  if (cpuRasteriser !== undefined) return cpuRasteriser;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  cpuRasteriser = /swiftshader|llvmpipe|softpipe|software/i.test(name);
  return cpuRasteriser;
}
