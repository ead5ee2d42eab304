// "Try a call": a flow author places a test call to a line, presses keys on a keypad and sees
// each prompt (its name and language), each input and where the call would go, with the trace,
// as `simulate` prints it. A test call reserves no agent, joins no line and leaves no record.
// Uses h, api, banner, problemText, formatIn and showFieldErrors of app.js.
'use strict';

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

async function showTryCall(main) {
	const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
	const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
	const form = h('section', { className: 'card try-form' },
		h('label', {}, 'Line dialled ', h('input', { id: 'try-line', 'data-path': 'line', value: '8000', size: 14 })), ' ',
		h('label', {}, "Caller's number ", h('input', { id: 'try-caller', 'data-path': 'callerId', value: '+4930123456', size: 16 })), ' ',
		h('label', {}, 'At ', h('input', { id: 'try-at', 'data-path': 'at', type: 'datetime-local' })), ' ',
		h('label', {}, 'in ', h('select', { id: 'try-zone', 'data-path': 'zone' }, zones.map((z) => h('option', { value: z, selected: z === browserZone }, z)))), ' ',
		h('button', { id: 'try-place', onclick: () => place() }, 'Place test call'),
		h('p', { className: 'muted' }, 'Leave "At" empty to call now. The caller\'s number decides the country; leave it empty for a withheld number.'));
	const messages = h('div', { id: 'try-messages' });
	const status = h('p', { id: 'try-status' }, 'No call yet.');
	const keys = KEYPAD.map((key) => h('button', { type: 'button', className: 'key', 'data-key': key, disabled: true, onclick: () => press(key) }, key));
	const silence = h('button', { type: 'button', id: 'try-silence', disabled: true, onclick: () => send('/silence') }, 'Stay silent');
	const hangUp = h('button', { type: 'button', id: 'try-hangup', disabled: true, onclick: () => end() }, 'Hang up');
	const transcript = h('ol', { id: 'try-transcript', className: 'transcript' });
	const decision = h('div', { id: 'try-decision' });
	main.replaceChildren(h('h2', {}, 'Try a call'),
		h('p', { className: 'muted' }, 'A test call walks the flow of the line as a caller would and shows where routing would send it. It reserves no agent, joins no waiting line and leaves no call record.'),
		form, messages,
		h('div', { className: 'try-call' },
			h('section', { className: 'card' }, h('h3', {}, 'Keypad'), status, h('div', { className: 'keypad', id: 'keypad' }, keys), h('p', {}, silence, ' ', hangUp)),
			h('section', { className: 'card try-heard' }, h('h3', {}, 'What the caller hears and does'), transcript, decision)));

	let call = null;
	let typed = '';

	async function place() {
		if (call) await api('DELETE', '/api/test-calls/' + call.id);
		call = null;
		form.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
		form.querySelectorAll('.field-error').forEach((el) => el.remove());
		messages.replaceChildren();
		const body = { line: form.querySelector('#try-line').value.trim(), callerId: form.querySelector('#try-caller').value.trim(),
			zone: form.querySelector('#try-zone').value };
		if (form.querySelector('#try-at').value) body.at = form.querySelector('#try-at').value;
		show(await api('POST', '/api/test-calls', body));
	}

	async function press(key) {
		typed += key;
		status.textContent = 'Pressed ' + typed + '…';
		await send('/keys', { keys: key });
	}

	async function send(path, body) {
		if (!call) return;
		setKeypad(false);
		show(await api('POST', '/api/test-calls/' + call.id + path, body));
	}

	async function end() {
		if (!call) return;
		const ended = await api('DELETE', '/api/test-calls/' + call.id);
		call = null;
		setKeypad(false);
		hangUp.disabled = true;
		status.textContent = ended.ok ? 'You hung up.' : problemText(ended);
	}

	function show(result) {
		if (!result.ok) {
			if (result.json && result.json.errors) {
				showFieldErrors(form, result.json.errors);
				messages.replaceChildren(banner('error', 'No call was placed: ', h('ul', { id: 'try-errors' }, result.json.errors.map((e) => h('li', {}, e.field + ': ' + e.message)))));
			}
			else messages.replaceChildren(banner('error', problemText(result)));
			return;
		}
		const before = call ? call.events.length : 0;
		call = result.json;
		if (call.events.length !== before) typed = '';
		transcript.replaceChildren(...call.events.filter((e) => e.kind !== 'decision').map(heard));
		const decided = call.events.find((e) => e.kind === 'decision');
		decision.replaceChildren(decided ? decisionCard(decided) : '');
		const listening = call.state === 'LISTENING';
		setKeypad(listening);
		hangUp.disabled = call.state === 'ENDED';
		const when = formatIn(call.at, call.zone) + (call.zone === browserZone ? '' : ' · ' + formatIn(call.at) + ' your time');
		status.replaceChildren(h('strong', {}, listening ? 'Listening for keys' : call.state === 'BUSY' ? 'Working…' : 'Call over'),
			' · line ' + call.line + ' · from ' + (call.callerId || 'a withheld number') + ' · ' + when,
			typed ? ' · pressed ' + typed : '');
		status.dataset.state = call.state;
		status.dataset.call = call.id;
		if (call.state === 'BUSY') setTimeout(async () => { if (call) show(await api('GET', '/api/test-calls/' + call.id)); }, 500);
	}

	function setKeypad(on) {
		keys.forEach((key) => { key.disabled = !on; });
		silence.disabled = !on;
	}
}

// One thing the caller heard or did, as a line of the transcript.
function heard(event) {
	switch (event.kind) {
		case 'prompt':
			return h('li', { className: 'heard-prompt' }, 'Prompt ', h('strong', { className: 'prompt-name' }, event.name), ' ',
				h('span', { className: 'language' }, event.language === '*' ? 'every language' : event.language),
				event.name === event.sound ? null : h('span', { className: 'muted' }, ' ' + event.sound));
		case 'keys':
			return h('li', { className: 'heard-keys' }, h('span', { className: 'keys' }, event.keys), ' ', event.text);
		case 'silence':
			return h('li', { className: 'heard-silence muted' }, event.text);
		default:
			return h('li', { className: 'heard-' + event.kind }, event.text);
	}
}

function decisionCard(decision) {
	return h('section', { className: 'decision', id: 'try-decision-card' },
		h('h3', {}, 'Decision: ', h('span', { className: 'next' }, decision.next || 'none')),
		h('p', { id: 'try-summary' }, decision.next && decision.summary.startsWith(decision.next + ': ') ? decision.summary.substring(decision.next.length + 2) : decision.summary),
		Object.keys(decision.variables).length ? h('table', { id: 'try-variables' }, Object.entries(decision.variables).map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, value)))) : null,
		decision.trace.length ? [h('h4', {}, 'Why'), h('ol', { id: 'try-trace' }, decision.trace.map((rule) => h('li', {}, rule)))] : null);
}
