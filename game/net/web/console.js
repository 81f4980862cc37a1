// The teacher's console (issue 36). Every name and text from the server is data typed by
// students or teachers: it is set with textContent, never as HTML.
"use strict";

const EVERY_MS = 2000;
const STATES = {
  playing: "playing",
  waiting: "waiting for a player",
  paused: "paused by the teacher",
  closed: "closed by the teacher",
  ended: "ended",
  broken: "cannot go on",
};

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function list(items, none) {
  if (!items.length) return el("span", none, "quiet");
  const ul = el("ul");
  for (const item of items) ul.appendChild(el("li", item));
  return ul;
}

function when(iso) {
  if (!iso) return "";
  const moment = new Date(iso);
  return isNaN(moment) ? iso : moment.toLocaleTimeString();
}

function button(label, onClick) {
  const node = el("button", label);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

async function act(code, action) {
  if (action === "close" && !window.confirm("Close table " + code + "? No more moves can be made at it.")) return;
  const answer = await fetch("/teacher/tables/" + encodeURIComponent(code) + "/" + action, {
    method: "POST",
    credentials: "same-origin",
  });
  if (!answer.ok) {
    const said = await answer.json().catch(() => ({ error: "The server refused." }));
    say(said.error || "The server refused.");
  }
  await refresh();
}

function say(text) {
  document.getElementById("status").textContent = text;
}

function tableCard(table) {
  const card = el("article", null, "card " + table.status);
  card.dataset.code = table.code;
  card.appendChild(el("h3", "Table " + table.code + ": " + table.title));
  const state = el("p");
  state.appendChild(el("span", STATES[table.status] || table.status, "state"));
  if (table.ending) state.appendChild(el("span", " — ending: " + table.ending));
  else if (table.note) state.appendChild(el("span", " — " + table.note));
  else state.appendChild(el("span", " — step " + (table.step + 1)));
  card.appendChild(state);
  const sides = el("ul", null, "sides");
  for (const side of table.sides) {
    const who = side.player ? side.player : "no one yet";
    // Where the player is, as the server says: "finished" once the table is over.
    const here = side.here || (side.player ? (side.connected ? "connected" : "waiting for them to come back") : "open");
    const moving = table.to_move.includes(side.name) ? ", to move" : "";
    sides.appendChild(el("li", side.name + ": " + who + " (" + here + moving + ")"));
  }
  card.appendChild(sides);
  if (table.to_move.length && table.status !== "closed") {
    card.appendChild(el("p", "Whose move: " + table.to_move.join(" and "), "to-move"));
  }
  const actions = el("p");
  if (table.status === "ended") actions.appendChild(button("Open the joint debrief", () => debrief(table.code)));
  else if (table.status === "paused") actions.appendChild(button("Resume", () => act(table.code, "resume")));
  else if (table.status === "playing" || table.status === "waiting") actions.appendChild(button("Pause", () => act(table.code, "pause")));
  if (table.status !== "closed" && table.status !== "ended" && table.status !== "broken") {
    actions.appendChild(button("Close", () => act(table.code, "close")));
  }
  card.appendChild(actions);
  return card;
}

function studentRow(student) {
  const row = el("tr");
  row.appendChild(el("th", student.name)).scope = "row";
  const where = [];
  if (student.browser) where.push("in a browser");
  for (const code of student.tables) where.push("at table " + code);
  row.appendChild(el("td", where.length ? where.join(", ") : "no"));
  row.appendChild(el("td", student.doing || "—"));
  row.appendChild(el("td", when(student.saved) || "—"));
  row.appendChild(el("td")).appendChild(list(student.endings, "none yet"));
  row.appendChild(el("td")).appendChild(list(student.quizzes, "none yet"));
  return row;
}

function show(data) {
  document.getElementById("title").textContent = data.title + ": the teacher's console";
  const tables = document.getElementById("tables");
  tables.replaceChildren(...data.tables.map(tableCard));
  document.getElementById("no-tables").hidden = data.tables.length > 0;
  const body = document.querySelector("#students tbody");
  body.replaceChildren(...data.students.map(studentRow));
  document.getElementById("no-students").hidden = data.students.length > 0;
  const games = data.games.length;
  document.getElementById("connected").textContent =
    games === 1 ? "1 game open in a browser." : games + " games open in browsers.";
  say((data.problem ? "Progress: " + data.problem + ". " : "") + "Updated at " + when(data.at) + ".");
}

async function refresh() {
  try {
    const answer = await fetch("/teacher/state", { credentials: "same-origin" });
    if (answer.status === 403) {
      say("The console has been locked (the server was restarted?): reload the page and type the code.");
      return;
    }
    show(await answer.json());
  } catch (problem) {
    say("The server cannot be reached; trying again…");
  }
}

async function debrief(code) {
  const answer = await fetch("/teacher/tables/" + encodeURIComponent(code) + "/debrief", { credentials: "same-origin" });
  const data = await answer.json();
  if (!answer.ok) {
    say(data.error || "No debrief.");
    return;
  }
  document.getElementById("debrief-heading").textContent = data.title + ": " + data.ending;
  const body = document.getElementById("debrief-body");
  const parts = [];
  for (const paragraph of data.text) parts.push(el("p", paragraph));
  parts.push(el("h3", "Both paths"));
  for (const path of data.paths) {
    parts.push(el("p", path.name + " (" + path.player + "): " + (path.moves.map((m) => "“" + m + "”").join(", ") || "no move")));
  }
  parts.push(el("h3", "Each step"));
  const steps = el("ol");
  for (const step of data.steps) {
    const item = el("li", step.scene);
    item.appendChild(list(step.moves.map((m) => m.side + ": “" + m.move + "”"), "no move"));
    steps.appendChild(item);
  }
  parts.push(steps);
  parts.push(el("h3", "Why it ended there"));
  for (const line of data.why) parts.push(el("p", line));
  for (const side of data.sides) {
    if (!side.why.length && !side.own.length) continue;
    parts.push(el("h3", side.name + " (" + side.player + "): its own why and debrief"));
    for (const line of side.why.concat(side.own)) parts.push(el("p", line));
  }
  parts.push(el("h3", "What really happened"));
  parts.push(el("p", data.history));
  if (data.sources.length) {
    parts.push(el("h3", "From the sources"));
    parts.push(list(data.sources, ""));
  }
  body.replaceChildren(...parts);
  document.getElementById("debrief").hidden = false;
}

document.getElementById("debrief-close").addEventListener("click", () => {
  document.getElementById("debrief").hidden = true;
});
refresh();
setInterval(refresh, EVERY_MS);
