// glasskin · photos of a label, loaded by the Analyze and Shelf pages.
//
// Progressive enhancement: the form posts its photos as they are (multipart) without this
// script, which is fine for a small photo. A phone's camera makes 3-5 MB JPEGs and the server
// takes at most data-limit bytes a post, so this script redraws each chosen photo on a canvas,
// at most 2000 px on its long side as JPEG (quality 0.85), smaller again if they still do not
// fit, and puts the smaller files back into the file input before the form is sent. A file the
// browser cannot draw is left as it is, for the server to refuse by name. No inline scripts (the
// Content-Security-Policy forbids them).
'use strict';

(() => {
  const LONG_SIDE = 2000;
  const QUALITY = 0.85;
  // Room for the form's other fields and the multipart headers.
  const MARGIN = 64 * 1024;

  const inputs = document.querySelectorAll('input[type="file"][data-limit]');
  if (inputs.length === 0 || !('DataTransfer' in window) || !('toBlob' in HTMLCanvasElement.prototype)) {
    return;
  }

  inputs.forEach((input) => {
    const form = input.form;
    const limit = Number(input.dataset.limit) || 2 * 1024 * 1024;
    const status = document.getElementById(input.dataset.status || '');
    const buttons = form ? form.querySelectorAll('[data-photo-submit]') : [];
    let busy = false;

    const say = (text) => {
      if (status) {
        status.textContent = text;
      }
    };
    const hold = (on) => {
      busy = on;
      buttons.forEach((b) => { b.disabled = on; });
    };

    input.addEventListener('change', async () => {
      const files = Array.from(input.files || []);
      if (busy || files.length === 0) {
        return;
      }
      hold(true);
      say('Making the photos smaller for sending…');
      try {
        const smaller = await shrinkAll(files, Math.max(limit - MARGIN, limit * 0.8));
        const transfer = new DataTransfer();
        smaller.forEach((file) => transfer.items.add(file));
        // Setting `files` fires no change event, so this does not run again.
        input.files = transfer.files;
        const total = smaller.reduce((sum, file) => sum + file.size, 0);
        say(`Ready: ${smaller.length} photo${smaller.length === 1 ? '' : 's'}, ${Math.round(total / 1024)} KB. Press “Read the photo”.`);
      } catch (_) {
        say('This browser could not make the photos smaller; they are sent as they are.');
      } finally {
        hold(false);
      }
    });

    if (form) {
      // A photo still being made smaller is not sent half done.
      form.addEventListener('submit', (event) => {
        if (busy) {
          event.preventDefault();
        }
      });
    }
  });

  // Every photo at `side` px and `quality`, smaller each round until they fit `budget` together.
  async function shrinkAll(files, budget) {
    let side = LONG_SIDE;
    let quality = QUALITY;
    let out = files;
    for (let round = 0; round < 6; round += 1) {
      out = [];
      for (const file of files) {
        out.push(await shrink(file, side, quality, budget / files.length));
      }
      if (out.reduce((sum, file) => sum + file.size, 0) <= budget) {
        return out;
      }
      side = Math.round(side * 0.8);
      quality = Math.max(0.6, quality - 0.05);
    }
    return out;
  }

  // One photo redrawn no longer than `side` px as JPEG; a small JPEG or PNG is kept as it is, and
  // so is a file the browser cannot draw.
  async function shrink(file, side, quality, share) {
    const plain = file.type === 'image/jpeg' || file.type === 'image/png';
    if (plain && file.size <= share && side === LONG_SIDE) {
      return file;
    }
    let picture;
    try {
      picture = await decode(file);
    } catch (_) {
      return file;
    }
    const scale = Math.min(1, side / Math.max(picture.width, picture.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(picture.width * scale));
    canvas.height = Math.max(1, Math.round(picture.height * scale));
    canvas.getContext('2d').drawImage(picture.source, 0, 0, canvas.width, canvas.height);
    picture.done();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (!blob) {
      return file;
    }
    const name = (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg';
    return new File([blob], name, { type: 'image/jpeg' });
  }

  // The photo drawn upright (its EXIF orientation applied), with its size.
  async function decode(file) {
    if ('createImageBitmap' in window) {
      try {
        const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
        return { source: bitmap, width: bitmap.width, height: bitmap.height, done: () => bitmap.close() };
      } catch (_) {
        // Older browsers: through an <img>, which also applies the orientation.
      }
    }
    const url = URL.createObjectURL(file);
    const done = () => URL.revokeObjectURL(url);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return { source: img, width: img.naturalWidth, height: img.naturalHeight, done };
    } catch (error) {
      done();
      throw error;
    }
  }
})();
