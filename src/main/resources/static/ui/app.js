// Switchboard's admin UI: a small app on the REST API, no build step. Every write sends the
// session's CSRF token and the version it was made on; the server validates and answers.
'use strict';

const state = { me: null, timer: null };
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

// --- helpers -------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	for (const [key, value] of Object.entries(attrs || {})) {
		if (value === undefined || value === null || value === false) continue;
		if (key.startsWith('on')) el.addEventListener(key.substring(2), value);
		else if (key === 'className') el.className = value;
		else if (key === 'value') el.value = value;
		else if (key === 'checked') el.checked = true;
		else el.setAttribute(key, value === true ? '' : value);
	}
	for (const child of children.flat()) {
		if (child === undefined || child === null || child === false) continue;
		el.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
	return el;
}

async function api(method, path, body, headers) {
	const init = { method, headers: Object.assign({ 'X-Requested-With': 'XMLHttpRequest' }, headers || {}) };
	if (method !== 'GET' && state.me && state.me.csrfHeader) init.headers[state.me.csrfHeader] = state.me.csrfToken;
	if (body !== undefined) {
		init.headers['Content-Type'] = 'application/json';
		init.body = typeof body === 'string' ? body : JSON.stringify(body);
	}
	const response = await fetch(path, init);
	const text = await response.text();
	let json = null;
	try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
	return { status: response.status, ok: response.ok, etag: response.headers.get('ETag'), json, text };
}

function isAdmin() {
	return state.me && state.me.roles.includes('ADMIN');
}

function banner(kind, ...text) {
	return h('div', { className: 'banner ' + kind, role: kind === 'ok' ? 'status' : 'alert' }, ...text);
}

function problemText(result) {
	if (result.json && result.json.detail) return result.json.detail;
	return 'HTTP ' + result.status;
}

function formatIn(instant, zone) {
	const options = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
	if (zone) options.timeZone = zone;
	return new Intl.DateTimeFormat('en-GB', options).format(new Date(instant));
}

// Reads and writes a field of a document by its JSON path, like windows[0].skills.
function pathParts(path) {
	return path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
}

function setPath(doc, path, value) {
	const parts = pathParts(path);
	let node = doc;
	for (let i = 0; i < parts.length - 1; i++) {
		if (node[parts[i]] === undefined || node[parts[i]] === null) node[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
		node = node[parts[i]];
	}
	const last = parts[parts.length - 1];
	if (value === undefined) delete node[last];
	else node[last] = value;
}

function getPath(doc, path) {
	let node = doc;
	for (const part of pathParts(path)) {
		if (node === undefined || node === null) return undefined;
		node = node[part];
	}
	return node;
}

// Every input has a label: shown, or read out only where a heading already names the column.
function labelled(text, control, hidden) {
	return h('label', {}, hidden ? h('span', { className: 'sr-only' }, text) : text + ' ', control);
}

// Seconds as people read them: 20 s, 4 min 5 s, 1 h 2 min; a dash when there is none.
function formatSeconds(seconds) {
	if (typeof seconds !== 'number' || !isFinite(seconds)) return '–';
	const whole = Math.round(seconds);
	if (whole < 60) return (seconds < 10 && !Number.isInteger(seconds) ? seconds.toFixed(1) : String(whole)) + ' s';
	if (whole < 3600) return Math.floor(whole / 60) + ' min' + (whole % 60 ? ' ' + (whole % 60) + ' s' : '');
	const minutes = Math.floor((whole % 3600) / 60);
	return Math.floor(whole / 3600) + ' h' + (minutes ? ' ' + minutes + ' min' : '');
}

// A language code as the API has it, with its name: de (German).
function languageText(code) {
	let name = null;
	try { name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code); } catch (e) { name = null; }
	return name && name !== code ? code + ' (' + name + ')' : code;
}

// An agent's state in words: Ready, Not ready (lunch), On a call.
const STATE_NAMES = { LOGGED_OUT: 'Logged out', READY: 'Ready', RESERVED: 'Ringing', ON_CALL: 'On a call', WRAP_UP: 'Wrap-up', NOT_READY: 'Not ready' };

function stateText(status) {
	if (!status) return 'Unknown';
	return (STATE_NAMES[status.state] || status.state) + (status.reason ? ' (' + status.reason + ')' : '');
}

function skillsText(skills) {
	return Object.entries(skills || {}).map(([name, level]) => name + ':' + level).join(', ');
}

function parseSkills(text) {
	const skills = {};
	for (const item of text.split(',').map((s) => s.trim()).filter((s) => s)) {
		const [name, level] = item.split(':').map((s) => (s || '').trim());
		skills[name] = level !== '' && !isNaN(Number(level)) ? Number(level) : level;
	}
	return Object.keys(skills).length ? skills : undefined;
}

// --- routing between views -----------------------------------------------------------------

const views = {
	schedules: showSchedules,
	agents: showAgents,
	live: showLive,
	kpis: showKpis,
	coverage: showCoverage,
	'what-if': showWhatIf,
	'try-call': showTryCall,
	announcements: showAnnouncements,
};

// Supervisors and admins read every page; a user who is only an agent has their own page.
function isReader() {
	return state.me && (state.me.roles.includes('ADMIN') || state.me.roles.includes('SUPERVISOR'));
}

async function route() {
	if (state.timer) {
		clearInterval(state.timer);
		state.timer = null;
	}
	const [view, arg] = (location.hash.substring(1) || (isReader() ? 'schedules' : 'my')).split('/');
	document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.id === 'nav-' + view));
	const main = document.getElementById('main');
	main.replaceChildren(h('p', { className: 'muted' }, 'Loading…'));
	if (!isReader() && view !== 'my') {
		main.replaceChildren(h('h2', {}, 'Not for your role'), banner('error', 'This page is for supervisors and admins.'),
			h('p', {}, h('a', { href: '#my', id: 'back' }, 'Back to your page')));
		return;
	}
	await (views[view] || showSchedules)(main, arg);
}

async function start() {
	const me = await api('GET', '/api/me');
	if (!me.ok) {
		location.href = '/login';
		return;
	}
	state.me = me.json;
	document.getElementById('me').textContent = state.me.user + ' (' + state.me.roles.join(', ') + ')';
	document.querySelectorAll('header nav a').forEach((a) => { a.hidden = a.id === 'nav-my' ? !state.me.agent : !isReader(); });
	document.getElementById('logout-csrf').value = state.me.csrfToken || '';
	window.addEventListener('hashchange', route);
	route();
}

// --- schedules -----------------------------------------------------------------------------

async function showSchedules(main, country) {
	const list = await api('GET', '/api/schedules');
	if (!list.ok) {
		main.replaceChildren(banner('error', 'Cannot load the schedules: ' + problemText(list)));
		return;
	}
	const nav = h('div', { className: 'countries' }, 'Countries: ',
		list.json.map((c) => h('a', { href: '#schedules/' + c.country, className: c.country === country ? 'active' : null, id: 'country-' + c.country },
			c.country + ' ', h('span', { className: c.status.open ? 'open' : 'closed' }, c.status.open ? 'open' : 'closed'))));
	if (!country) {
		main.replaceChildren(h('h2', {}, 'Schedules'), nav, h('p', { className: 'muted' }, 'Pick a country to see and edit its schedule.'));
		return;
	}
	const editor = h('div', { id: 'editor' });
	main.replaceChildren(h('h2', {}, 'Schedule of ' + country), nav, editor);
	await loadSchedule(editor, country);
}

async function loadSchedule(editor, country, message) {
	const result = await api('GET', '/api/schedules/' + country);
	if (!result.ok) {
		editor.replaceChildren(banner('error', problemText(result)));
		return;
	}
	const model = { country, doc: result.json, etag: result.etag };
	renderSchedule(editor, model, message);
}

function renderSchedule(editor, model, message) {
	const doc = model.doc;
	const canEdit = isAdmin();
	const messages = h('div', { id: 'messages' }, message || null);
	const status = h('p', { id: 'status' }, '…');
	refreshStatus(status, model.country);

	const field = (path, label, attrs, shown) => {
		const value = getPath(doc, path);
		return labelled(label, h('input', Object.assign({ 'data-path': path, value: value === undefined ? '' : value, disabled: !canEdit,
			onchange: (e) => setPath(doc, path, e.target.value.trim() === '' ? undefined : e.target.value.trim()) }, attrs || {})), !shown);
	};
	const number = (path, label, attrs, shown) => field(path, label, Object.assign({ className: 'narrow', onchange: (e) => {
		const text = e.target.value.trim();
		setPath(doc, path, text === '' ? undefined : (isNaN(Number(text)) ? text : Number(text)));
	} }, attrs || {}), shown);
	const check = (path, label) => h('label', {}, h('input', { type: 'checkbox', 'data-path': path, checked: getPath(doc, path) === true, disabled: !canEdit,
		onchange: (e) => setPath(doc, path, e.target.checked ? true : undefined) }), ' ' + label);
	const skills = (path, label) => labelled(label || 'Skills, as name:level, comma-separated', h('input', { 'data-path': path, value: skillsText(getPath(doc, path)), disabled: !canEdit,
		onchange: (e) => setPath(doc, path, parseSkills(e.target.value)) }), true);
	const remove = (listPath, index) => canEdit ? h('button', { type: 'button', onclick: () => {
		getPath(doc, listPath).splice(index, 1);
		renderSchedule(editor, model);
	} }, 'Remove') : null;
	const add = (listPath, item, label) => canEdit ? h('button', { type: 'button', onclick: () => {
		if (!getPath(doc, listPath)) setPath(doc, listPath, []);
		getPath(doc, listPath).push(item);
		renderSchedule(editor, model);
	} }, label) : null;

	const windowRow = (path, weekly) => h('tr', { 'data-path': path },
		weekly ? h('td', { className: 'days', 'data-path': path + '.days' }, DAYS.map((day) => h('label', {}, h('input', {
			type: 'checkbox', checked: (getPath(doc, path + '.days') || []).includes(day), disabled: !canEdit,
			onchange: (e) => {
				const days = new Set(getPath(doc, path + '.days') || []);
				if (e.target.checked) days.add(day); else days.delete(day);
				setPath(doc, path + '.days', DAYS.filter((d) => days.has(d)));
			} }), day.substring(0, 2)))) : null,
		h('td', {}, field(path + '.from', 'Opens at, hh:mm', { className: 'time' }), ' – ', field(path + '.to', 'Closes at, hh:mm', { className: 'time' })),
		h('td', {}, check(path + '.overnight', 'overnight')),
		h('td', {}, field(path + '.team', 'Team')),
		h('td', {}, skills(path + '.skills')),
		weekly ? h('td', {}, number(path + '.quota.maxConcurrent', 'Quota: calls at once'), ' ', number(path + '.quota.maxAnswered', 'Quota: calls answered in the window')) : null);

	const windows = h('table', {}, h('tr', {}, h('th', {}, 'Days'), h('th', {}, 'Hours'), h('th', {}, ''), h('th', {}, 'Team'), h('th', {}, 'Skills'), h('th', {}, 'Quota: at once · answered'), h('th', {})),
		(doc.windows || []).map((w, i) => {
			const row = windowRow('windows[' + i + ']', true);
			row.append(h('td', {}, remove('windows', i)));
			return row;
		}));

	const holidays = doc.holidays
		? h('div', { 'data-path': 'holidays' }, field('holidays.calendar', 'Official holidays from calendar', { className: 'narrow' }, true),
			' ', field('holidays.subdivision', 'subdivision (optional)', { className: 'narrow' }, true), ' ', check('holidays.closed', 'closed on holidays'), ' ',
			canEdit ? h('button', { type: 'button', onclick: () => { delete doc.holidays; renderSchedule(editor, model); } }, 'No official holidays') : null)
		: h('div', {}, 'No official holiday calendar. ', canEdit ? h('button', { type: 'button', onclick: () => {
			doc.holidays = { calendar: doc.country, closed: true };
			renderSchedule(editor, model);
		} }, 'Keep official holidays') : null);

	const specialDays = h('div', {}, (doc.specialDays || []).map((day, i) => {
		const path = 'specialDays[' + i + ']';
		return h('section', { className: 'card', 'data-path': path },
			field(path + '.date', 'Date, yyyy-mm-dd', { className: 'date' }, true), ' ', field(path + '.reason', 'Reason', {}, true), ' ',
			check(path + '.closed', 'closed all day'), ' ', remove('specialDays', i),
			h('table', {}, (day.windows || []).map((w, j) => {
				const row = windowRow(path + '.windows[' + j + ']', false);
				row.append(h('td', {}, remove(path + '.windows', j)));
				return row;
			})),
			add(path + '.windows', { from: '08:00', to: '12:00', team: '' }, 'Add hours'));
	}), add('specialDays', { date: '', closed: true }, 'Add special day'));

	const stepKind = (step) => step.addSkills ? 'addSkills' : step.lowerLevelsBy !== undefined ? 'lowerLevelsBy' : 'country';
	const overflow = h('table', {}, h('tr', {}, h('th', {}, 'After'), h('th', {}, 'Then'), h('th', {}, ''), h('th', {})),
		(doc.overflow || []).map((step, i) => {
			const path = 'overflow[' + i + ']';
			const kind = stepKind(step);
			const value = kind === 'addSkills' ? skills(path + '.addSkills', 'Skills to add, as name:level') : kind === 'lowerLevelsBy' ? number(path + '.lowerLevelsBy', 'Levels lower by')
				: field(path + '.country', 'Country whose team takes over', { className: 'narrow' });
			return h('tr', { 'data-path': path }, h('td', {}, field(path + '.after', 'After how long a wait, like 60s', { className: 'narrow' })),
				h('td', {}, labelled('Then', h('select', { disabled: !canEdit, onchange: (e) => {
					delete step.addSkills; delete step.lowerLevelsBy; delete step.country;
					step[e.target.value] = e.target.value === 'lowerLevelsBy' ? 1 : e.target.value === 'country' ? '' : { english: 1 };
					renderSchedule(editor, model);
				} }, [['addSkills', 'add skills'], ['lowerLevelsBy', 'lower levels by'], ['country', "another country's team"]].map(([v, l]) => h('option', { value: v, selected: v === kind }, l))), true)),
				h('td', {}, value), h('td', {}, remove('overflow', i)));
		}));

	const action = doc.closedAction || {};
	const closedAction = h('div', { 'data-path': 'closedAction' },
		labelled('Callers hear', h('select', { 'data-path': 'closedAction.type', disabled: !canEdit, onchange: (e) => { setPath(doc, 'closedAction.type', e.target.value); if (e.target.value !== 'announce-next-opening') delete doc.closedAction.then; renderSchedule(editor, model); } },
			['announce-next-opening', 'voicemail', 'callback'].map((t) => h('option', { value: t, selected: action.type === t }, t))), true),
		action.type === 'announce-next-opening' ? [' ', labelled('then', h('select', { 'data-path': 'closedAction.then', disabled: !canEdit, onchange: (e) => { setPath(doc, 'closedAction.then', e.target.value); renderSchedule(editor, model); } },
			['hangup', 'voicemail', 'callback'].map((t) => h('option', { value: t, selected: (action.then || 'hangup') === t }, t))))] : null,
		(action.type === 'voicemail' || action.then === 'voicemail') ? [' ', field('closedAction.mailbox', 'mailbox', {}, true)] : null);

	const save = h('button', { id: 'save', disabled: !canEdit, onclick: () => saveSchedule(editor, model) }, 'Save as version ' + (doc.version + 1));
	const history = h('div', { id: 'history' }, '…');
	loadHistory(history, model, editor);

	editor.replaceChildren(
		status, messages,
		weekTimeline(model.country, doc.version),
		h('section', { className: 'card' }, field('timeZone', 'Time zone', {}, true), ' · version ', h('strong', { id: 'version' }, String(doc.version)),
			' · ', number('quota.maxConcurrent', 'country quota', {}, true), ' calls at once (empty: none)'),
		h('h3', {}, 'Weekly windows'), h('section', { className: 'card' }, windows, add('windows', { days: ['MON'], from: '08:00', to: '18:00', team: '' }, 'Add window')),
		h('h3', {}, 'Holidays and special days'), h('section', { className: 'card' }, holidays, h('p', {}), specialDays),
		h('h3', {}, 'Overflow'), h('section', { className: 'card' }, overflow, add('overflow', { after: '60s', lowerLevelsBy: 1 }, 'Add step')),
		h('h3', {}, 'When closed'), h('section', { className: 'card' }, closedAction),
		h('p', {}, save, canEdit ? null : h('span', { className: 'muted' }, ' Only admins change schedules.')),
		h('h3', {}, 'History'), history);
}

async function refreshStatus(status, country) {
	const result = await api('GET', '/api/schedules/' + country + '/status');
	if (!result.ok) {
		status.replaceChildren(banner('error', problemText(result)));
		return;
	}
	const s = result.json;
	const next = s.nextChange
		? [' — ', s.open ? 'closes' : 'opens', ' at ', h('span', { id: 'next-country' }, formatIn(s.nextChange, s.timeZone)), ' in ' + s.timeZone + ' (',
			h('span', { id: 'next-local' }, formatIn(s.nextChange)), ' your time)']
		: ' — no change in sight';
	status.replaceChildren(h('span', {}, 'Now ', h('span', { className: s.open ? 'open' : 'closed' }, s.open ? 'open' : 'closed'), ' (' + s.reason + ')', next));
}

async function saveSchedule(editor, model) {
	const messages = editor.querySelector('#messages');
	editor.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
	editor.querySelectorAll('.field-error').forEach((el) => el.remove());
	const result = await api('PUT', '/api/schedules/' + model.country, model.doc, { 'If-Match': model.etag });
	if (result.ok) {
		await loadSchedule(editor, model.country, banner('ok', 'Saved: version ' + result.json.version + ' is in force on every instance.'));
		return;
	}
	if (result.status === 412) {
		messages.replaceChildren(banner('conflict', 'Someone else saved this schedule meanwhile (now version ' + result.json.currentVersion
			+ '). Your changes were not saved. ', h('button', { onclick: () => loadSchedule(editor, model.country) }, 'Load the current version')));
		return;
	}
	if (result.status === 400 && result.json && result.json.errors) {
		showFieldErrors(editor, result.json.errors);
		messages.replaceChildren(banner('error', 'Not saved, nothing changed: ', h('ul', { id: 'errors' },
			result.json.errors.map((e) => h('li', {}, (e.field ? e.field + ': ' : '') + e.message)))));
		return;
	}
	messages.replaceChildren(banner('error', 'Not saved: ' + problemText(result)));
}

// Marks the input of each error, or the nearest enclosing element that has a path.
function showFieldErrors(root, errors) {
	for (const error of errors) {
		let path = error.field;
		let target = null;
		while (path && !target) {
			target = root.querySelector('[data-path="' + CSS.escape(path) + '"]');
			if (!target) path = path.includes('.') || path.includes('[') ? path.replace(/(\.[^.[\]]+|\[\d+\])$/, '') : '';
		}
		if (!target) continue;
		target.classList.add('invalid');
		const note = h('span', { className: 'field-error' }, error.message);
		if (target.tagName === 'TR') target.lastElementChild.append(note);
		else target.after(note);
	}
}

async function loadHistory(history, model, editor) {
	const result = await api('GET', '/api/schedules/' + model.country + '/history');
	if (!result.ok) {
		history.replaceChildren(banner('error', problemText(result)));
		return;
	}
	history.replaceChildren(h('table', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'When'), h('th', {}, 'Who'), h('th', {}, 'What changed'), h('th', {})),
		result.json.map((change) => h('tr', { className: 'history-row', 'data-version': change.version },
			h('td', {}, String(change.version)), h('td', {}, formatIn(change.at)), h('td', {}, change.by),
			h('td', { className: 'changes', title: change.changed.join(', ') }, change.revertedTo ? 'Back to version ' + change.revertedTo + ':' : null,
				change.changes.length ? h('ul', {}, change.changes.map((line) => h('li', {}, line))) : h('span', { className: 'muted' }, 'nothing changed')),
			h('td', {}, isAdmin() && change.version !== model.doc.version ? h('button', { onclick: async () => {
				const revert = await api('POST', '/api/schedules/' + model.country + '/history/' + change.version + '/revert', undefined, { 'If-Match': model.etag });
				if (revert.ok) await loadSchedule(editor, model.country, banner('ok', 'Version ' + change.version + ' is back, as version ' + revert.json.version + '.'));
				else editor.querySelector('#messages').replaceChildren(banner(revert.status === 412 ? 'conflict' : 'error', problemText(revert)));
			} }, 'Revert to this') : null)))));
}

// --- agents --------------------------------------------------------------------------------

async function showAgents(main) {
	const [agents, skills] = await Promise.all([api('GET', '/api/agents'), api('GET', '/api/skills')]);
	if (!agents.ok) {
		main.replaceChildren(banner('error', 'Cannot load the agents: ' + problemText(agents)));
		return;
	}
	const messages = h('div', { id: 'messages' });
	const act = async (id, action) => {
		const reason = action === 'pause' ? (prompt('Reason for the pause', 'supervisor') || 'supervisor') : undefined;
		const result = await api('POST', '/api/agents/' + encodeURIComponent(id) + '/state', { action, reason });
		if (result.ok) showAgents(main);
		else messages.replaceChildren(banner('error', result.status === 409 ? 'Not possible in the agent\'s state now.' : problemText(result)));
	};
	const form = isAdmin() ? agentForm(main, messages) : null;
	main.replaceChildren(h('h2', {}, 'Agents and skills'), messages,
		h('table', { id: 'agents' }, h('tr', {}, ['Id', 'Name', 'Phone', 'Team', 'Skills', 'Languages', 'State', ''].map((t) => h('th', {}, t))),
			agents.json.map((a) => h('tr', { 'data-agent': a.id }, h('td', {}, a.id), h('td', {}, a.name), h('td', {}, a.endpoint), h('td', {}, a.team),
				h('td', {}, skillsText(a.skills) || '–'), h('td', {}, (a.languages || []).map(languageText).join(', ') || '–'),
				h('td', { className: 'state' }, stateText(a.status)),
				h('td', {}, ['ready', 'pause', 'logout'].map((action) => h('button', { onclick: () => act(a.id, action) }, action)),
					form ? h('button', { onclick: () => form.edit(a) }, 'edit') : null)))),
		h('p', { className: 'muted' }, 'Skills schedules may require: ' + (skills.ok ? skills.json.join(', ') : '?')),
		form ? form.element : '');
}

function agentForm(main, messages) {
	let etag = null;
	const inputs = { id: h('input', { 'data-path': 'id' }), name: h('input', { 'data-path': 'name' }), endpoint: h('input', { 'data-path': 'endpoint' }),
		team: h('input', { 'data-path': 'team' }), skills: h('input', { 'data-path': 'skills' }), languages: h('input', { 'data-path': 'languages' }) };
	const labels = { id: 'Id', name: 'Name', endpoint: 'Phone, a dial string like PJSIP/1001', team: 'Team',
		skills: 'Skills, as name:level 1–5, comma-separated', languages: 'Languages, ISO codes like de, en' };
	const title = h('h3', {}, 'New agent');
	const element = h('section', { className: 'card stacked', id: 'agent-form' }, title,
		Object.entries(inputs).flatMap(([name, input]) => [labelled(labels[name], input), ' ']),
		h('button', { id: 'save-agent', onclick: async () => {
			element.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
			element.querySelectorAll('.field-error').forEach((el) => el.remove());
			const body = { name: inputs.name.value, endpoint: inputs.endpoint.value, team: inputs.team.value,
				skills: parseSkills(inputs.skills.value) || {}, languages: inputs.languages.value.split(',').map((s) => s.trim()).filter((s) => s) };
			const result = await api('PUT', '/api/agents/' + encodeURIComponent(inputs.id.value.trim()), body, etag ? { 'If-Match': etag } : { 'If-None-Match': '*' });
			if (result.ok) showAgents(main);
			else if (result.status === 412) messages.replaceChildren(banner('conflict', 'Someone else changed this agent meanwhile (or the id is taken). Nothing was saved; reload to see the current profile.'));
			else if (result.json && result.json.errors) {
				showFieldErrors(element, result.json.errors.map((e) => ({ field: e.field.split('.')[0].replace(/\[\d+\]$/, ''), message: e.field + ': ' + e.message })));
				messages.replaceChildren(banner('error', 'Not saved, nothing changed: ', h('ul', { id: 'errors' }, result.json.errors.map((e) => h('li', {}, e.field + ': ' + e.message)))));
			}
			else messages.replaceChildren(banner('error', problemText(result)));
		} }, 'Save agent'));
	return { element, edit: (agent) => {
		etag = '"' + agent.version + '"';
		title.textContent = 'Edit agent ' + agent.id + ' (version ' + agent.version + ')';
		inputs.id.value = agent.id; inputs.id.disabled = true;
		inputs.name.value = agent.name; inputs.endpoint.value = agent.endpoint; inputs.team.value = agent.team;
		inputs.skills.value = skillsText(agent.skills); inputs.languages.value = (agent.languages || []).join(', ');
	} };
}

// --- live floor ----------------------------------------------------------------------------

async function showLive(main) {
	const body = h('div', { id: 'live' }, 'Loading…');
	main.replaceChildren(h('h2', {}, 'Live floor'), h('p', { className: 'muted' }, 'Updates every 2 seconds. Calls are shown by id only.'), body);
	const refresh = async () => {
		const result = await api('GET', '/api/live');
		if (!result.ok) {
			body.replaceChildren(banner('error', problemText(result)));
			return;
		}
		const floor = result.json;
		body.replaceChildren(
			h('p', { className: 'muted' }, 'As of ' + formatIn(floor.at)),
			h('h3', {}, 'Waiting callers'),
			floor.lines.length === 0 ? h('p', { id: 'nobody-waiting' }, 'Nobody is waiting.') : h('table', { id: 'waiting' },
				h('tr', {}, ['Queue', 'Country', 'Waiting', 'Longest wait', 'Calls'].map((t) => h('th', {}, t))),
				floor.lines.map((line) => h('tr', {}, h('td', {}, line.queue), h('td', {}, line.country), h('td', {}, String(line.waiting)),
					h('td', {}, formatSeconds(line.longestWaitSeconds)), h('td', {}, line.calls.map((c) => c.callId + ' (' + formatSeconds(c.waitSeconds) + ')').join(', '))))),
			h('h3', {}, 'Agents by state'),
			h('div', { className: 'grid' }, Object.entries(floor.agentsByState).map(([s, agents]) => h('section', { className: 'card', id: 'state-' + s },
				h('strong', {}, (STATE_NAMES[s] || s) + ' (' + agents.length + ')'),
				h('ul', {}, agents.map((a) => h('li', { 'data-agent': a.id }, a.name + ' · ' + a.id + (a.reason ? ' · ' + a.reason : '') + (a.reachable ? '' : ' · phone unreachable'))))))));
	};
	await refresh();
	state.timer = setInterval(refresh, 2000);
}

// --- KPIs ----------------------------------------------------------------------------------

async function showKpis(main) {
	const groupBy = state.kpiGroupBy || 'country';
	const result = await api('GET', '/api/kpis?groupBy=' + groupBy);
	if (result.status === 404) {
		main.replaceChildren(h('h2', {}, 'KPIs'), banner('conflict', 'KPIs are not available on this server yet (no /api/kpis).'));
		return;
	}
	if (!result.ok || result.json === null) {
		main.replaceChildren(h('h2', {}, 'KPIs'), banner('error', 'Cannot load the KPIs: ' + problemText(result)));
		return;
	}
	const report = result.json;
	const groups = report.groups || [];
	const select = h('select', { id: 'kpi-group-by', onchange: (event) => { state.kpiGroupBy = event.target.value; showKpis(main); } },
		['country', 'queue', 'agent'].map((by) => h('option', { value: by, selected: by === groupBy }, by)));
	main.replaceChildren(h('h2', {}, 'KPIs'),
		h('p', {}, 'Calls that arrived from ', formatIn(report.from), ' to ', formatIn(report.to), ', ', labelled('per', select),
			'. Service level: answered within ', formatSeconds(report.serviceLevelThresholdSeconds), ' ÷ (answered + abandoned after ',
			formatSeconds(report.shortAbandonThresholdSeconds), ').'),
		groups.length ? kpiView(groups) : banner('conflict', 'No calls in this window.'));
}

// Renders whatever the KPI endpoint returns: numbers as bars, lists of rows as tables with a
// bar chart per numeric column.
function kpiView(data) {
	if (Array.isArray(data)) {
		const rows = data.filter((r) => r && typeof r === 'object');
		if (!rows.length) return h('p', {}, JSON.stringify(data));
		const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
		const label = columns.find((c) => typeof rows[0][c] === 'string') || columns[0];
		const numeric = columns.filter((c) => rows.some((r) => typeof r[c] === 'number'));
		return h('div', {},
			h('table', {}, h('tr', {}, columns.map((c) => h('th', {}, KPI_NAMES[c] || c))), rows.map((r) => h('tr', {}, columns.map((c) => h('td', {}, format(r[c], c)))))),
			h('div', { className: 'grid' }, numeric.map((c) => chart(KPI_NAMES[c] || c, rows.map((r) => [String(r[label]), r[c]]), c))));
	}
	if (data && typeof data === 'object') {
		const numbers = Object.entries(data).filter(([, v]) => typeof v === 'number');
		const nested = Object.entries(data).filter(([, v]) => v && typeof v === 'object');
		return h('div', {}, numbers.length ? chart('', numbers) : null,
			numbers.length ? h('table', {}, numbers.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, format(v))))) : null,
			nested.map(([k, v]) => h('section', { className: 'card' }, h('h3', {}, k), kpiView(v))));
	}
	return h('p', {}, format(data));
}

const KPI_NAMES = { group: 'Group', offered: 'Offered', answered: 'Answered', abandoned: 'Abandoned', shortAbandoned: 'Short abandons',
	serviceLevel: 'Service level', asaSeconds: 'Average wait (ASA)', ahtSeconds: 'Handle time (AHT)', acwSeconds: 'Wrap-up (ACW)',
	abandonRate: 'Abandon rate', occupancy: 'Occupancy', csatAverage: 'CSAT (1–5)', csatResponses: 'CSAT ratings',
	ringNoAnswer: 'Rang, not answered' };

const RATIOS = ['serviceLevel', 'abandonRate', 'occupancy'];

// A value for people: seconds as 20 s, ratios as percentages, nothing as a dash.
function format(value, name) {
	if (typeof value === 'number' && name && name.endsWith('Seconds')) return formatSeconds(value);
	if (typeof value === 'number' && RATIOS.includes(name)) return Math.round(value * 100) + ' %';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
	if (value && typeof value === 'object') return JSON.stringify(value);
	return value === undefined || value === null ? '–' : String(value);
}

function chart(title, pairs, field) {
	const values = pairs.map(([, v]) => (typeof v === 'number' ? v : 0));
	const max = Math.max(1e-9, ...values);
	const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
	const height = 20 * pairs.length + 10;
	svg.setAttribute('viewBox', '0 0 320 ' + height);
	svg.setAttribute('width', '100%');
	pairs.forEach(([name, value], i) => {
		const y = 5 + i * 20;
		const text = document.createElementNS(svg.namespaceURI, 'text');
		text.setAttribute('x', '0'); text.setAttribute('y', String(y + 12)); text.setAttribute('font-size', '11');
		text.textContent = name;
		const bar = document.createElementNS(svg.namespaceURI, 'rect');
		bar.setAttribute('x', '110'); bar.setAttribute('y', String(y)); bar.setAttribute('height', '14');
		bar.setAttribute('width', String(Math.max(0, 145 * (typeof value === 'number' ? value : 0) / max)));
		bar.setAttribute('class', 'bar');
		const label = document.createElementNS(svg.namespaceURI, 'text');
		label.setAttribute('x', '260'); label.setAttribute('y', String(y + 12)); label.setAttribute('font-size', '11');
		label.textContent = format(value, field);
		svg.append(text, bar, label);
	});
	return h('section', { className: 'card' }, title ? h('strong', {}, title) : null, svg);
}

// --- what-if -------------------------------------------------------------------------------

async function showWhatIf(main) {
	const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	const callerId = h('input', { id: 'what-if-caller' });
	const dialed = h('input', { id: 'what-if-dialed', value: '8000', className: 'narrow' });
	const at = h('input', { id: 'what-if-at', type: 'datetime-local' });
	const skills = h('input', { id: 'what-if-skills' });
	const answer = h('div', { id: 'what-if-answer' });
	main.replaceChildren(h('h2', {}, 'What-if'), h('p', { className: 'muted' }, 'How a call would be treated, without touching live state.'),
		h('section', { className: 'card stacked' }, labelled("Caller's number, E.164 like +4930123456", callerId), ' ', labelled('Line dialled', dialed), ' ',
			labelled('At, your time (' + viewerZone + '); empty: now', at), ' ', labelled('Skills the IVR asks for, as name:level', skills), ' ',
			h('button', { id: 'what-if-ask', onclick: async () => {
				const body = { callerId: callerId.value.trim(), dialed: dialed.value.trim(), skills: parseSkills(skills.value) };
				if (at.value) body.at = new Date(at.value).toISOString();
				const result = await api('POST', '/api/routing/what-if', body);
				if (!result.ok) {
					answer.replaceChildren(banner('error', problemText(result)));
					return;
				}
				answer.replaceChildren(...whatIfAnswer(result.json, viewerZone));
			} }, 'Ask')), answer);
}

// The answer: the decision, when a closed country opens in its zone and the viewer's, what an
// agent would need and who would take the call, then every rule tried.
function whatIfAnswer(a, viewerZone) {
	const parts = [h('p', { id: 'what-if-decision' }, h('strong', {}, a.country || 'No country'), ': ',
		h('span', { className: a.open ? 'open' : 'closed' }, a.decision))];
	if (a.nextOpen) {
		parts.push(h('p', { id: 'what-if-next-open' }, 'Opens ', h('strong', { id: 'what-if-next-country' }, formatIn(a.nextOpen, a.timeZone)),
			' in ' + a.timeZone + ' — ', h('span', { id: 'what-if-next-viewer' }, formatIn(a.nextOpen, viewerZone)), ' your time (' + viewerZone + ')'));
	}
	if (a.skills && Object.keys(a.skills).length) parts.push(h('p', {}, 'An agent needs the skills ' + skillsText(a.skills) + '.'));
	if (a.open) parts.push(h('p', {}, a.agent ? 'Agent ' + a.agent + ' would take the call now.' : 'No ready agent has them now: the call would wait.'));
	parts.push(h('h3', {}, 'Rules, in the order tried'), h('ol', {}, (a.trace || []).map((line) => h('li', {}, line))));
	return parts;
}

// --- emergency announcements ---------------------------------------------------------------

async function showAnnouncements(main) {
	const result = await api('GET', '/api/announcements');
	if (!result.ok) {
		main.replaceChildren(banner('error', problemText(result)));
		return;
	}
	const messages = h('div', { id: 'messages' });
	const put = async (scope, sounds, on) => {
		const r = await api('PUT', '/api/announcements/' + encodeURIComponent(scope), { sounds, on });
		if (r.ok) showAnnouncements(main); else messages.replaceChildren(banner('error', problemText(r)));
	};
	const scope = h('input', { id: 'announcement-scope', className: 'narrow' });
	const sounds = h('input', { id: 'announcement-sounds', size: 50 });
	main.replaceChildren(h('h2', {}, 'Emergency announcements'), messages,
		h('table', {}, h('tr', {}, ['Scope', 'Sounds', 'On', ''].map((t) => h('th', {}, t))),
			result.json.map((a) => h('tr', {}, h('td', {}, a.scope), h('td', {}, Object.entries(a.sounds).map(([l, s]) => l + ': ' + s).join(', ')),
				h('td', {}, isAdmin() ? labelled('On for ' + a.scope, h('input', { type: 'checkbox', role: 'switch', checked: a.on, onchange: (e) => put(a.scope, a.sounds, e.target.checked) }), true) : (a.on ? 'on' : 'off')),
				h('td', {}, isAdmin() ? h('button', { onclick: async () => {
					const r = await api('DELETE', '/api/announcements/' + encodeURIComponent(a.scope));
					if (r.ok) showAnnouncements(main); else messages.replaceChildren(banner('error', problemText(r)));
				} }, 'Remove') : null)))),
		isAdmin() ? h('section', { className: 'card stacked' }, h('h3', {}, 'Switch one on'), labelled('Scope, a country code like DE or global', scope), ' ',
			labelled('Sounds, as language=sound, comma-separated', sounds), ' ',
			h('button', { onclick: () => {
				const map = {};
				sounds.value.split(',').map((s) => s.trim()).filter((s) => s).forEach((pair) => {
					const [language, sound] = pair.split('=').map((s) => s.trim());
					map[language] = sound;
				});
				put(scope.value.trim(), map, true);
			} }, 'Switch on')) : '');
}

// after every view file has registered its views
document.addEventListener('DOMContentLoaded', start);
