// glasskin · Today page helpers, loaded by today.html only.
//
// Progressive enhancement: the page is a plain form that saves with its Save button. With this
// script on, a layered toner gets a layer counter, every step but a session's last gets an
// optional settle timer, and a tick saves at once through the JSON API. No inline scripts or
// styles (the Content-Security-Policy forbids them): the server renders the markup hidden, with
// its data in data-* attributes, and this script reveals and drives it.
'use strict';

(() => {
  const forms = document.querySelectorAll('form[data-time]');
  if (forms.length === 0) {
    return;
  }

  // ---- Instant tick: save one step as soon as its box changes ----------------------------------

  // Saves go one after another, so a quick tick-untick-tick ends as the last one said.
  let queue = Promise.resolve();

  function saveTick(form, row, box) {
    const status = form.querySelector('.save-status');
    const saveButton = form.querySelector('button[type="submit"]');
    const name = box.parentElement.textContent.trim();
    const time = form.dataset.time;
    const product_id = Number(row.dataset.productId);
    const done = box.checked;
    const say = (text, failed) => {
      if (status) {
        status.textContent = text;
        status.classList.toggle('failed', failed);
      }
    };
    say('Saving…', false);
    queue = queue
      .then(() =>
        fetch('/api/checkoffs', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ time, product_id, done }),
        }),
      )
      .then((response) => {
        if (!response.ok) {
          throw new Error(`status ${response.status}`);
        }
        say(`Saved: ${name} ${done ? 'done' : 'not done'}.`, false);
      })
      .catch(() => {
        const button = saveButton ? `“${saveButton.textContent.trim()}”` : 'Save';
        say(`Not saved just now. Press ${button} to keep your ticks.`, true);
      });
  }

  // ---- 7-skin layer counter --------------------------------------------------------------------

  function layerCounter(row, box) {
    const layers = Number(row.dataset.layers);
    const button = row.querySelector('.layer-button');
    const count = row.querySelector('.layer-count');
    if (!(layers > 1) || !button || !count) {
      return;
    }
    let patted = box.checked ? layers : 0;
    const show = () => {
      const all = patted >= layers;
      count.textContent = all
        ? `Layer ${layers} of ${layers}: all in, step ticked`
        : `Layer ${patted} of ${layers}`;
      // aria-disabled, not disabled: the button keeps its focus and stays announced.
      button.setAttribute('aria-disabled', String(all));
    };
    button.addEventListener('click', () => {
      if (patted >= layers) {
        return;
      }
      patted += 1;
      show();
      if (patted === layers && !box.checked) {
        box.checked = true;
        box.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    // Unticking the step starts the count again.
    box.addEventListener('change', () => {
      if (!box.checked && patted > 0) {
        patted = 0;
        show();
      }
    });
    show();
  }

  // ---- Settle timer: optional, one at a time ---------------------------------------------------

  let running = null; // { settle, interval, end, left }

  function settleParts(settle) {
    return {
      button: settle.querySelector('.settle-button'),
      label: settle.querySelector('.settle-label'),
      left: settle.querySelector('.settle-left'),
      said: settle.querySelector('.settle-said'),
    };
  }

  function stopTimer(message) {
    if (!running) {
      return;
    }
    const { settle, interval, idle } = running;
    running = null;
    clearInterval(interval);
    const parts = settleParts(settle);
    parts.label.textContent = idle;
    parts.button.classList.remove('running');
    parts.left.textContent = message;
    parts.said.textContent = message;
  }

  function startTimer(settle) {
    const parts = settleParts(settle);
    const seconds = Number(settle.dataset.seconds) || 30;
    stopTimer('');
    const end = Date.now() + seconds * 1000;
    let shown = seconds;
    const idle = parts.label.textContent;
    parts.label.textContent = 'Cancel timer';
    parts.button.classList.add('running');
    parts.left.textContent = `${seconds} s left`;
    parts.said.textContent = `Settle timer started: ${seconds} seconds.`;
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      if (left === shown) {
        return;
      }
      shown = left;
      if (left === 0) {
        stopTimer('Settled. On to the next step.');
        return;
      }
      parts.left.textContent = `${left} s left`;
      // The visible count changes every second; a screen reader hears it every ten.
      if (left % 10 === 0) {
        parts.said.textContent = `${left} seconds left.`;
      }
    };
    running = { settle, idle, interval: setInterval(tick, 250) };
  }

  function settleTimer(settle) {
    const { button } = settleParts(settle);
    if (!button) {
      return;
    }
    button.addEventListener('click', () => {
      if (running && running.settle === settle) {
        stopTimer('Timer cancelled.');
      } else {
        startTimer(settle);
      }
    });
  }

  // ---- Wire up each session ----------------------------------------------------------------

  for (const form of forms) {
    for (const row of form.querySelectorAll('li[data-product-id]')) {
      const box = row.querySelector('input[type="checkbox"]');
      if (!box) {
        continue;
      }
      box.addEventListener('change', () => saveTick(form, row, box));
      layerCounter(row, box);
      const settle = row.querySelector('.settle');
      if (settle) {
        settleTimer(settle);
      }
      const tools = row.querySelector('.step-tools');
      if (tools) {
        tools.hidden = false;
      }
    }
  }
})();
