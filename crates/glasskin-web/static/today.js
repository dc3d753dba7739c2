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

  // ---- Instant tick, kept on the phone until the server has it --------------------------------
  //
  // Every tick goes into a queue in localStorage first, keyed by day, session and product, so a
  // later tick of the same box replaces an earlier one. The queue is sent in order; an entry
  // leaves it only once the server said yes (or refused it for good). A tick sets a state
  // (`done` true or false), never toggles, so sending one twice saves it once: none lost when
  // the Wi-Fi drops, none doubled when it comes back.

  const QUEUE_KEY = 'glasskin-tick-queue';
  const SIGNED_OUT = 'Not saved: you were signed out. Open this page again to sign in, then tick it once more.';
  const RETRY_MS = 5000;

  // Without storage (some private modes) the queue lives as long as the page.
  let storageWorks = true;
  let memoryQueue = [];

  function readQueue() {
    if (storageWorks) {
      try {
        const queue = JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
        return Array.isArray(queue) ? queue : [];
      } catch (_) {
        storageWorks = false;
      }
    }
    return memoryQueue.slice();
  }

  function writeQueue(queue) {
    if (storageWorks) {
      try {
        localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
        return;
      } catch (_) {
        storageWorks = false;
      }
    }
    memoryQueue = queue.slice();
  }

  const keyOf = (t) => `${t.date}|${t.time}|${t.product_id}`;

  function enqueue(tick) {
    const queue = readQueue().filter((t) => keyOf(t) !== keyOf(tick));
    queue.push(tick);
    writeQueue(queue);
  }

  function sayAll(text, failed) {
    for (const status of document.querySelectorAll('form[data-time] .save-status')) {
      status.textContent = text;
      status.classList.toggle('failed', failed);
    }
  }

  // At the top of the page, while ticks wait: the person sees it without scrolling.
  function sayWaiting(waiting) {
    const note = document.querySelector('.offline-note');
    if (!note) {
      return;
    }
    note.hidden = waiting === 0;
    note.textContent = waiting === 0 ? '' : `glasskin cannot be reached just now. ${waiting} tick${waiting === 1 ? ' waits' : 's wait'} on this phone and will be saved when it is back.`;
  }

  let flushing = false;
  let retry = null;

  // Sends what is queued, oldest first; stops at the first tick the network cannot carry.
  async function flush() {
    if (flushing) {
      return -1;
    }
    flushing = true;
    clearTimeout(retry);
    let queue = readQueue();
    let waiting = 0;
    let refused = '';
    for (const tick of queue) {
      let response;
      try {
        response = await fetch('/api/checkoffs', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(tick),
          credentials: 'same-origin',
        });
      } catch (_) {
        waiting = queue.length;
        break;
      }
      if (response.status >= 500 || response.status === 403) {
        // The server is not itself, or this phone is not let in just now: try again later.
        waiting = queue.length;
        break;
      }
      if (response.status === 401) {
        // Signed out (elsewhere, or the session ran out): the tick is dropped, not kept for
        // whoever signs in next on this phone.
        refused = SIGNED_OUT;
      } else if (!response.ok) {
        let why = `status ${response.status}`;
        try {
          why = (await response.json()).error.message;
        } catch (_) { /* keep the status */ }
        refused = `Not saved: ${why}.`;
      }
      // Saved, or refused for good: it leaves the queue unless it was ticked again meanwhile.
      const now = readQueue();
      const kept = now.filter((t) => !(keyOf(t) === keyOf(tick) && t.done === tick.done));
      writeQueue(kept);
      queue = queue.slice(1);
    }
    flushing = false;
    sayWaiting(waiting);
    if (refused === SIGNED_OUT) {
      // Said at the top too, where the person looks after ticking.
      const note = document.querySelector('.offline-note');
      if (note) {
        note.hidden = false;
        note.textContent = SIGNED_OUT;
      }
    }
    if (waiting > 0) {
      sayAll(`Saved on this phone: ${waiting} tick${waiting === 1 ? '' : 's'} will be sent when glasskin can be reached.`, true);
      retry = setTimeout(flush, RETRY_MS);
    } else if (refused) {
      sayAll(refused, true);
    } else if (readQueue().length > 0) {
      flush(); // Ticked again while sending.
    } else {
      for (const status of document.querySelectorAll('form[data-time] .save-status')) {
        if (status.textContent === 'Saving…' || status.classList.contains('failed')) {
          status.textContent = 'Saved.';
          status.classList.remove('failed');
        }
      }
    }
    return waiting;
  }

  function saveTick(form, row, box) {
    const status = form.querySelector('.save-status');
    const name = box.parentElement.textContent.trim();
    const tick = {
      time: form.dataset.time,
      product_id: Number(row.dataset.productId),
      done: box.checked,
    };
    if (form.dataset.date) {
      tick.date = form.dataset.date;
    }
    enqueue(tick);
    if (status) {
      status.textContent = 'Saving…';
      status.classList.remove('failed');
    }
    flush().then((waiting) => {
      if (waiting === 0 && status && !status.classList.contains('failed')) {
        status.textContent = `Saved: ${name} ${tick.done ? 'done' : 'not done'}.`;
      }
    });
  }

  // A page opened from the phone's copy (offline) shows the ticks still waiting to be sent.
  for (const tick of readQueue()) {
    const form = document.querySelector(`form[data-time="${tick.time}"][data-date="${tick.date}"]`);
    const box = form && form.querySelector(`li[data-product-id="${tick.product_id}"] input[type="checkbox"]`);
    if (box) {
      box.checked = tick.done;
    }
  }
  addEventListener('online', () => flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      flush();
    }
  });
  if (readQueue().length > 0) {
    flush();
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
