// The campus audit's scanning form, enhanced. Without this script the form posts each
// scan and the page answers it; with it, every scan (typed, from a handheld scanner that
// types like a keyboard, or read by the camera) gets its own id and waits in a queue kept
// on this device until the server has answered it. A scan is sent again, with the same
// id, until an answer arrives; the server records each id once. So a flaky connection, a
// dead spot in a classroom or a reload loses nothing and doubles nothing.

(() => {
  "use strict";

  const form = document.querySelector("form[data-scan-queue]");
  if (!form) {
    return;
  }
  const scriptNonce = document.currentScript ? document.currentScript.nonce : "";
  const storageKey = `districtdesk.audit-scans.${form.dataset.scanQueue}`;
  const tagField = form.elements.tag;
  const roomField = form.elements.room;
  const csrfToken = form.elements.csrfmiddlewaretoken.value;
  const statusLine = form.querySelector("[data-scan-queue-status]");
  const pendingBox = form.querySelector("[data-scan-pending]");
  const pendingList = form.querySelector("[data-scan-pending-list]");
  const answerRegion = document.querySelector("[data-scan-answer]");
  const texts = form.querySelector("template[data-scan-texts]").content;
  const RETRY_FIRST_MS = 1000;
  const RETRY_MAX_MS = 30000;

  function text(name, values = {}) {
    const node = texts.querySelector(`[data-text="${name}"]`);
    let said = node ? node.textContent.trim() : "";
    for (const [key, value] of Object.entries(values)) {
      said = said.replace(`{${key}}`, value);
    }
    return said;
  }

  // --- The queue, kept in localStorage per audit ---------------------------------------

  let memoryQueue = []; // when the browser keeps no storage (some private modes)

  function loadQueue() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch {
      return memoryQueue.slice();
    }
  }

  function saveQueue(queue) {
    memoryQueue = queue.slice();
    try {
      if (queue.length) {
        window.localStorage.setItem(storageKey, JSON.stringify(queue));
      } else {
        window.localStorage.removeItem(storageKey);
      }
    } catch {
      // Kept in memory only: still sent while this page stays open.
    }
  }

  // Read, change and write at once, so two tabs on one audit do not drop each other's scans.
  function changeQueue(change) {
    const queue = change(loadQueue());
    saveQueue(queue);
    return queue;
  }

  function newScanId() {
    if (window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; a version 4 UUID from random bytes otherwise.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
      .join("-");
  }

  // The QR code on our labels holds the tag's page, ".../inventory/t/<tag>/".
  const LABEL_ADDRESS = /\/inventory\/t\/([^/?#\s]+)\/?(?:[?#]\S*)?$/;

  function tagFromScan(value) {
    const scanned = (value || "").trim();
    const address = LABEL_ADDRESS.exec(scanned);
    let tag = address ? address[1] : scanned;
    try {
      tag = decodeURIComponent(tag);
    } catch {
      // Not an escaped address: the text as it is.
    }
    return tag.trim().toUpperCase();
  }

  function enqueue(value) {
    const tag = tagFromScan(value);
    if (!tag || !roomField.value) {
      return false;
    }
    const room = roomField.selectedOptions[0];
    changeQueue((queue) => [
      ...queue,
      {
        id: newScanId(),
        tag,
        room: roomField.value,
        roomLabel: room ? room.textContent.trim() : "",
        queuedAt: new Date().toISOString(),
      },
    ]);
    showQueue();
    sendQueue();
    return true;
  }

  // --- What the page shows --------------------------------------------------------------

  let retryTimer = null;
  let stoppedBecause = ""; // "signed-out" or "not-found": waits for a reload or a new scan
  let delayed = false; // some scan had to wait: the queue is shown until it is empty

  function say(element, words) {
    if (element.textContent !== words) {
      element.textContent = words;
    }
  }

  function showQueue() {
    const queue = loadQueue();
    // Scans are listed and counted once one had to wait, until every one has been sent;
    // a scan answered straight away needs no word about the queue.
    if (queue.length && (!navigator.onLine || retryTimer || stoppedBecause)) {
      delayed = true;
    }
    pendingBox.hidden = !(queue.length && delayed);
    if (queue.length && delayed) {
      pendingList.replaceChildren(
        ...queue.map((scan) => {
          const item = document.createElement("li");
          const tag = document.createElement("strong");
          tag.textContent = scan.tag;
          item.append(tag, ` · ${scan.roomLabel}`);
          return item;
        }),
      );
      const count = queue.length === 1
        ? text("waiting-one")
        : text("waiting-many", { count: String(queue.length) });
      say(statusLine, stoppedBecause ? `${text(stoppedBecause)} ${count}` : count);
    } else if (!queue.length && delayed) {
      delayed = false;
      say(statusLine, text("sent"));
    }
  }

  function showAnswer(tag, words, result) {
    const answer = document.createElement("p");
    answer.className = `scan-answer scan-answer--${result}`;
    const strong = document.createElement("strong");
    strong.textContent = tag;
    answer.append(strong, `: ${words}`);
    answerRegion.replaceChildren(answer);
  }

  function refusal(errors) {
    const messages = [];
    for (const value of Object.values(errors || {})) {
      messages.push(...(Array.isArray(value) ? value : [String(value)]));
    }
    return messages.join(" ");
  }

  // The progress figures and the lists of latest scans and missing tags, as the server
  // has them now: the page's own fragment, with the form left alone (a tag may be half
  // typed in it).
  let refreshTimer = null;

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 250);
  }

  async function refresh() {
    try {
      const response = await fetch(form.dataset.scanRefresh, {
        credentials: "same-origin",
        headers: { "HX-Request": "true" },
      });
      if (!response.ok) {
        return;
      }
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      for (const id of ["scan-progress", "scan-lists"]) {
        const here = document.getElementById(id);
        const there = fresh.getElementById(id);
        if (here && there) {
          here.replaceWith(document.importNode(there, true));
        }
      }
    } catch {
      // The figures catch up with the next answer.
    }
  }

  // --- Sending: in order, one at a time, again with a growing wait until answered -------

  let sending = false;
  let retryWait = 0;

  function retryLater() {
    retryWait = Math.min(retryWait ? retryWait * 2 : RETRY_FIRST_MS, RETRY_MAX_MS);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      sendQueue();
    }, retryWait * (0.8 + Math.random() * 0.4));
    showQueue();
  }

  function removeFromQueue(id) {
    changeQueue((queue) => queue.filter((scan) => scan.id !== id));
  }

  async function sendOne(scan) {
    let response;
    try {
      response = await fetch(form.dataset.scanApi, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": csrfToken,
        },
        body: JSON.stringify({ tag: scan.tag, room: scan.room, client_id: scan.id }),
      });
    } catch {
      return "retry"; // no connection
    }
    if (response.ok) {
      let answer;
      try {
        answer = await response.json();
      } catch {
        return "retry"; // cut off on the way: the same id again gets the same answer
      }
      removeFromQueue(scan.id);
      showAnswer(answer.tag, answer.message, answer.result);
      return "answered";
    }
    if (response.status === 400) {
      const errors = await response.json().catch(() => ({}));
      removeFromQueue(scan.id);
      showAnswer(scan.tag, `${text("refused")}: ${refusal(errors)}`, "refused");
      return "answered";
    }
    if (response.status === 401 || response.status === 403) {
      return "signed-out";
    }
    if (response.status === 404) {
      return "not-found";
    }
    return "retry"; // the server is busy or failing: later
  }

  async function sendQueue() {
    if (sending) {
      return;
    }
    clearTimeout(retryTimer);
    retryTimer = null;
    stoppedBecause = "";
    if (!navigator.onLine) {
      showQueue();
      return;
    }
    sending = true;
    let answered = false;
    try {
      for (let [scan] = loadQueue(); scan; [scan] = loadQueue()) {
        const outcome = await sendOne(scan);
        if (outcome === "answered") {
          answered = true;
          retryWait = 0;
          showQueue();
          continue;
        }
        if (outcome === "retry") {
          retryLater();
        } else {
          stoppedBecause = outcome;
          showQueue();
        }
        break;
      }
    } finally {
      sending = false;
      if (answered) {
        refreshSoon();
      }
      showQueue();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (enqueue(tagField.value)) {
      tagField.value = "";
    }
    tagField.focus();
  });
  window.addEventListener("online", () => {
    retryWait = 0;
    sendQueue();
  });
  window.addEventListener("offline", showQueue);
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey) {
      showQueue();
    }
  });

  // --- The camera: reads Code 128, Code 39 and QR codes into the same queue -------------

  const cameraButton = form.querySelector("[data-camera-open]");
  const cameraBox = form.querySelector("[data-camera]");
  const video = form.querySelector("[data-camera-video]");
  const cameraState = form.querySelector("[data-camera-state]");
  let stream = null;
  let readTimer = null;
  let lastRead = { tag: "", at: 0 };

  // The browser's own BarcodeDetector where it has one (Chromebooks, Android, macOS).
  async function nativeReader() {
    if (!("BarcodeDetector" in window)) {
      return null;
    }
    const supported = await window.BarcodeDetector.getSupportedFormats();
    const formats = ["code_128", "code_39", "qr_code"].filter((name) => supported.includes(name));
    if (!formats.length) {
      return null;
    }
    const detector = new window.BarcodeDetector({ formats });
    return async (source) => {
      const [code] = await detector.detect(source);
      return code ? code.rawValue : null;
    };
  }

  // Elsewhere ZXing (plain JavaScript: no WebAssembly, no worker), loaded when first needed.
  function loadZxing() {
    if (window.ZXing) {
      return Promise.resolve(window.ZXing);
    }
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = form.dataset.zxingSrc;
      script.nonce = scriptNonce;
      script.onload = () => (window.ZXing ? resolve(window.ZXing) : reject(new Error("ZXing")));
      script.onerror = reject;
      document.head.append(script);
    });
  }

  async function zxingReader() {
    const ZXing = await loadZxing();
    const reader = new ZXing.MultiFormatReader();
    reader.setHints(
      new Map([
        [
          ZXing.DecodeHintType.POSSIBLE_FORMATS,
          [ZXing.BarcodeFormat.CODE_128, ZXing.BarcodeFormat.CODE_39, ZXing.BarcodeFormat.QR_CODE],
        ],
        [ZXing.DecodeHintType.TRY_HARDER, true],
      ]),
    );
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    return async (source) => {
      const width = source.videoWidth || source.naturalWidth || source.width;
      const height = source.videoHeight || source.naturalHeight || source.height;
      if (!width || !height) {
        return null;
      }
      const scale = Math.min(1, 960 / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      const luminance = new ZXing.HTMLCanvasElementLuminanceSource(canvas);
      try {
        return reader.decode(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(luminance))).getText();
      } catch {
        return null; // no code in this frame
      } finally {
        reader.reset();
      }
    };
  }

  let codeReader = null;

  async function readerForCodes() {
    if (!codeReader) {
      codeReader = (await nativeReader()) || (await zxingReader());
    }
    return codeReader;
  }

  function codeRead(value) {
    const tag = tagFromScan(value);
    const now = Date.now();
    // The camera sees the same label many times a second: one scan until another is read
    // or it has been out of view for a moment.
    if (!tag || (tag === lastRead.tag && now - lastRead.at < 3000)) {
      lastRead.at = tag === lastRead.tag ? now : lastRead.at;
      return;
    }
    lastRead = { tag, at: now };
    if (enqueue(tag)) {
      say(cameraState, text("camera-read", { tag }));
    }
  }

  async function readFrames(read) {
    if (!stream) {
      return;
    }
    if (video.readyState >= 2) {
      try {
        const value = await read(video);
        if (value) {
          codeRead(value);
        }
      } catch {
        // A frame that could not be read: the next one.
      }
    }
    readTimer = setTimeout(() => readFrames(read), 200);
  }

  function stopCamera() {
    clearTimeout(readTimer);
    if (stream) {
      stream.getTracks().forEach((track) => track.stop());
    }
    stream = null;
    video.srcObject = null;
    cameraBox.hidden = true;
    cameraButton.setAttribute("aria-expanded", "false");
  }

  async function startCamera() {
    if (stream) {
      return;
    }
    cameraBox.hidden = false;
    cameraButton.setAttribute("aria-expanded", "true");
    say(cameraState, text("camera-starting"));
    try {
      const read = await readerForCodes();
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: "environment" } },
      });
      video.srcObject = stream;
      await video.play();
      say(cameraState, text("camera-on"));
      readFrames(read);
    } catch {
      stopCamera();
      cameraBox.hidden = false;
      say(cameraState, text("camera-failed"));
    }
    // The tag box stays the main way in: a handheld scanner keeps working beside the camera.
    tagField.focus();
  }

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    cameraButton.hidden = false;
    cameraButton.setAttribute("aria-expanded", "false");
    cameraButton.setAttribute("aria-controls", cameraBox.id);
    cameraButton.addEventListener("click", startCamera);
    form.querySelector("[data-camera-close]").addEventListener("click", () => {
      stopCamera();
      cameraButton.focus();
    });
    window.addEventListener("pagehide", stopCamera);
  }

  // --- Opening with no connection: the service worker keeps this page and its files ----

  async function keepForOffline() {
    const worker = form.dataset.scanWorker;
    if (!worker || !("serviceWorker" in navigator) || !window.isSecureContext) {
      return;
    }
    try {
      const registration = await navigator.serviceWorker.register(worker, {
        scope: form.dataset.scanWorkerScope,
      });
      const ready = await navigator.serviceWorker.ready;
      const active = ready.active || registration.active;
      if (!active || !navigator.onLine) {
        return;
      }
      const files = [
        ...document.querySelectorAll("link[rel~='stylesheet'][href], link[rel~='icon'][href]"),
      ].map((link) => link.href);
      files.push(...[...document.querySelectorAll("script[src]")].map((script) => script.src));
      const channel = new MessageChannel();
      const answered = new Promise((resolve) => {
        channel.port1.onmessage = (event) => resolve(Boolean(event.data && event.data.kept));
      });
      active.postMessage({ type: "keep", page: window.location.pathname, files }, [
        channel.port2,
      ]);
      if (await answered) {
        form.dataset.offlineReady = "true";
      }
    } catch {
      // No worker (a private window, a browser without one): the page needs the network to
      // open, and the scan queue still keeps every scan.
    }
  }

  showQueue();
  sendQueue();
  keepForOffline();
})();
