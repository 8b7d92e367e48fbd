// The sandbox web chat: pick a persona, then chat with the bot as them.
// Talks to /sandbox/api/* (bot/sandbox/webchat.py); the chat is long-polled by version.
"use strict";

const ROLE_TITLES = {
  director: "Association director · 协会负责人",
  worker: "Social workers · 社工",
  ngo: "NGO directors · 机构负责人",
  new: "Brand-new users · 新用户",
};

const ui = {
  personaList: document.getElementById("persona-list"),
  title: document.getElementById("chat-title"),
  subtitle: document.getElementById("chat-subtitle"),
  messages: document.getElementById("messages"),
  replyKeyboard: document.getElementById("reply-keyboard"),
  composer: document.getElementById("composer"),
  input: document.getElementById("composer-input"),
  send: document.getElementById("send-button"),
  toast: document.getElementById("toast"),
  clockForm: document.getElementById("clock-form"),
  clockDays: document.getElementById("clock-days"),
  clockOffset: document.getElementById("clock-offset"),
};

const session = { personas: [], current: null, version: -1, poll: null, shownToasts: new Set() };

async function api(path, body, signal) {
  const options = body === undefined ? { signal } : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

// ---- personas ----

async function loadPersonas() {
  const data = await api("/sandbox/api/personas");
  session.personas = data.personas;
  showClockOffset(data.clock_offset_days);
  renderPersonas();
}

function renderPersonas() {
  ui.personaList.replaceChildren();
  for (const role of ["new", "director", "worker", "ngo"]) {
    const group = session.personas.filter((p) => p.role === role);
    if (group.length === 0) continue;
    const heading = element("p", "group-title", ROLE_TITLES[role]);
    ui.personaList.append(heading, ...group.map(personaButton));
  }
}

function personaButton(persona) {
  const button = element("button", "persona");
  button.type = "button";
  button.dataset.personaId = persona.telegram_id;
  button.dataset.role = persona.role;
  button.title = persona.title_en;
  button.append(element("span", "name", persona.first_name), element("span", "title", persona.title));
  if (session.current && session.current.telegram_id === persona.telegram_id) button.classList.add("selected");
  button.addEventListener("click", () => selectPersona(persona));
  return button;
}

async function createNewUser(language) {
  const persona = await api("/sandbox/api/personas/new", { language_code: language });
  session.personas.push(persona);
  selectPersona(persona);
}

function selectPersona(persona) {
  session.current = persona;
  session.version = -1;
  session.shownToasts = new Set();
  if (session.poll) session.poll.abort();
  renderPersonas();
  ui.title.textContent = persona.first_name;
  ui.subtitle.textContent = `${persona.title} — ${persona.title_en} · id ${persona.telegram_id}`;
  ui.messages.replaceChildren();
  ui.input.disabled = false;
  ui.send.disabled = false;
  ui.input.focus();
  pollChat(persona);
}

// ---- the chat, long-polled ----

async function pollChat(persona) {
  const controller = new AbortController();
  session.poll = controller;
  while (!controller.signal.aborted && session.current === persona) {
    try {
      const path = `/sandbox/api/chats/${persona.telegram_id}?after=${session.version}`;
      const view = await api(path, undefined, controller.signal);
      if (controller.signal.aborted) return;
      if (view.version !== session.version) {
        session.version = view.version;
        renderChat(view);
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, 1000)); // server restarting: retry gently
    }
  }
}

function renderChat(view) {
  // Stay at the newest message, unless the reader has scrolled up to read older ones.
  const atEnd = ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 40;
  const keepAt = ui.messages.scrollTop;
  ui.messages.replaceChildren(...view.messages.map(renderMessage));
  if (view.messages.length === 0) {
    ui.messages.append(element("p", "empty", "Say /start to begin · 发送 /start 开始"));
  }
  renderReplyKeyboard(view.reply_keyboard, view.placeholder);
  for (const toast of view.toasts) {
    if (session.shownToasts.has(toast.query_id)) continue;
    session.shownToasts.add(toast.query_id);
    showToast(toast.text, toast.show_alert);
  }
  ui.messages.scrollTop = atEnd || session.jumpToEnd ? ui.messages.scrollHeight : keepAt;
  session.jumpToEnd = false;
}

function scrollToEndIfNear() {
  // A picture that loads after the chat was drawn makes it taller: follow it down.
  const slack = ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight;
  const picture = Math.max(...[...ui.messages.querySelectorAll("img")].map((img) => img.clientHeight), 0);
  if (slack <= picture + 40) ui.messages.scrollTop = ui.messages.scrollHeight;
}

function renderMessage(message) {
  const wrapper = element("div", `message ${message.from_bot ? "from-bot" : "from-user"}`);
  wrapper.dataset.messageId = message.message_id;
  const bubble = element("div", `bubble ${message.from_bot ? "bot" : "user"}`);
  if (message.photo) {
    const image = document.createElement("img");
    if (message.photo.width && message.photo.height) {
      // Its size is known before it loads, so the chat's height (and scrolling) is right at once.
      image.style.aspectRatio = `${message.photo.width} / ${message.photo.height}`;
    }
    image.addEventListener("load", scrollToEndIfNear);
    image.src = message.photo.url_path;
    image.alt = message.photo.file_name;
    bubble.append(image);
  }
  if (message.document) {
    const link = element("a", "file", `📄 ${message.document.file_name} (${formatSize(message.document.size)})`);
    link.href = message.document.url_path;
    link.download = message.document.file_name;
    bubble.append(link, document.createElement("br"));
  }
  if (message.contact_phone) bubble.append(`📇 ${message.contact_phone}`);
  bubble.append(renderEntities(message.text, message.entities));
  const time = new Date(message.date * 1000).toLocaleString();
  bubble.append(element("span", "meta", message.edited ? `edited · ${time}` : time));
  wrapper.append(bubble);
  if (message.inline_keyboard.length > 0) wrapper.append(renderInlineKeyboard(message));
  return wrapper;
}

function renderInlineKeyboard(message) {
  const keyboard = element("div", "inline-keyboard");
  for (const row of message.inline_keyboard) {
    const line = element("div", "row");
    for (const button of row) {
      const node = element("button", "inline-button", button.url ? `${button.text} ↗` : button.text);
      node.type = "button";
      node.addEventListener("click", () => pressInline(message.message_id, button));
      line.append(node);
    }
    keyboard.append(line);
  }
  return keyboard;
}

function renderReplyKeyboard(rows, placeholder) {
  ui.input.placeholder = placeholder || "Message · 输入消息";
  ui.replyKeyboard.replaceChildren();
  ui.replyKeyboard.hidden = !rows;
  for (const row of rows || []) {
    const line = element("div", "row");
    for (const button of row) {
      const node = element("button", `reply-button${button.request_contact ? " contact" : ""}`, button.text);
      node.type = "button";
      node.addEventListener("click", () => pressReply(button));
      line.append(node);
    }
    ui.replyKeyboard.append(line);
  }
}

// Telegram entities use UTF-16 offsets, which are JavaScript string indices.
function renderEntities(text, entities) {
  const fragment = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  for (const entity of entities) { cuts.add(entity.offset); cuts.add(entity.offset + entity.length); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    let node = document.createTextNode(text.slice(start, end));
    for (const entity of entities) {
      if (entity.offset <= start && entity.offset + entity.length >= end) node = wrapEntity(node, entity);
    }
    fragment.append(node);
  }
  return fragment;
}

const ENTITY_TAGS = {
  bold: "b", italic: "i", underline: "u", strikethrough: "s", code: "code", pre: "pre",
  blockquote: "blockquote", expandable_blockquote: "blockquote",
};

function wrapEntity(node, entity) {
  let wrapper;
  if (entity.type === "text_link" && /^https?:\/\//.test(entity.url || "")) {
    wrapper = element("a");
    wrapper.href = entity.url;
    wrapper.target = "_blank";
    wrapper.rel = "noopener noreferrer";
  } else if (entity.type === "spoiler") {
    wrapper = element("span", "spoiler");
  } else if (entity.type === "bot_command") {
    wrapper = element("span", "command");
  } else if (ENTITY_TAGS[entity.type]) {
    wrapper = element(ENTITY_TAGS[entity.type]);
  } else {
    return node;
  }
  wrapper.append(node);
  return wrapper;
}

// ---- actions ----

async function sendText(text) {
  if (!session.current || !text.trim()) return;
  session.jumpToEnd = true; // what one sends, and the answer, are what one wants to see
  await act("text", { text });
}

async function pressInline(messageId, button) {
  if (button.url) { window.open(button.url, "_blank", "noopener"); return; }
  await act("press", { message_id: messageId, data: button.callback_data });
}

async function pressReply(button) {
  if (button.request_contact) await act("contact", {});
  else await act("reply", { text: button.text });
}

async function act(action, body) {
  try {
    await api(`/sandbox/api/chats/${session.current.telegram_id}/${action}`, body);
  } catch (error) {
    showToast(`⚠ ${error.message}`, false);
  }
}

async function skipAhead(days) {
  try {
    const data = await api("/sandbox/api/clock", { days });
    showClockOffset(data.clock_offset_days);
    showToast(`⏩ +${days} d`, false);
  } catch (error) {
    showToast(`⚠ ${error.message}`, false);
  }
}

// ---- small helpers ----

function showClockOffset(days) {
  ui.clockOffset.textContent = `+${Math.round(days * 10) / 10} d`;
}

let toastTimer = null;
function showToast(text, isAlert) {
  ui.toast.textContent = text;
  ui.toast.classList.toggle("alert", Boolean(isAlert));
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { ui.toast.hidden = true; }, isAlert ? 6000 : 2500);
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 102.4) / 10} KB`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.input.value;
  ui.input.value = "";
  sendText(text);
});
ui.clockForm.addEventListener("submit", (event) => {
  event.preventDefault();
  skipAhead(Number(ui.clockDays.value));
});
for (const button of document.querySelectorAll("[data-new-language]")) {
  button.addEventListener("click", () => createNewUser(button.dataset.newLanguage));
}

loadPersonas();
