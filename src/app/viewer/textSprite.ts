// A text label that floats in the 3-D scene (e.g. "before" / "after" above a figure): a sprite whose texture is
// drawn once on a 2-D canvas. Always faces the camera; keeps a constant size in world units.

import * as THREE from 'three';

export class TextSprite {
  readonly sprite: THREE.Sprite;
  private readonly texture: THREE.CanvasTexture;

  constructor(text: string, color = '#e8ecf2', heightM = 0.16) {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    const fontPx = 48;
    const font = `600 ${fontPx}px system-ui, -apple-system, "Segoe UI", sans-serif`;
    let width = 8 * fontPx;
    if (ctx) {
      ctx.font = font;
      width = Math.ceil(ctx.measureText(text).width) + fontPx;
    }
    canvas.width = width;
    canvas.height = Math.round(fontPx * 1.5);
    if (ctx) {
      ctx.font = font;
      ctx.fillStyle = 'rgba(10, 12, 16, 0.55)';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = color;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, canvas.width / 2, canvas.height / 2);
    }
    this.texture = new THREE.CanvasTexture(canvas);
    this.texture.colorSpace = THREE.SRGBColorSpace;
    const material = new THREE.SpriteMaterial({ map: this.texture, depthWrite: false, transparent: true });
    this.sprite = new THREE.Sprite(material);
    this.sprite.scale.set((heightM * canvas.width) / canvas.height, heightM, 1);
  }

  dispose(): void {
    this.sprite.removeFromParent();
    this.sprite.material.dispose();
    this.texture.dispose();
  }
}
