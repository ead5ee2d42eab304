// An agent's own page: where they stand, the buttons that change it, and their calls today with
// handle time and CSAT. A user is an agent when their user setting names one (/api/me's agent).
'use strict';

const PAUSE_REASONS = ['break', 'lunch', 'meeting', 'training', 'coaching', 'other work'];

async function showMyPage(main) {
	const id = state.me.agent;
	if (!id) {
		main.replaceChildren(h('h2', {}, 'My page'), banner('conflict', 'Your user is not an agent: an admin links it to one with the user\'s agent setting.'));
		return;
	}
	const profile = await api('GET', '/api/agents/' + encodeURIComponent(id));
	if (!profile.ok) {
		main.replaceChildren(h('h2', {}, 'My page'), banner('error', 'Cannot load agent ' + id + ': ' + problemText(profile)));
		return;
	}
	const agent = profile.json;
	const messages = h('div', { id: 'messages' });
	const stateCard = h('section', { className: 'card', id: 'my-state' }, 'Loading…');
	const calls = h('div', { id: 'my-calls' }, 'Loading…');
	// kept across refreshes, so a reason being picked is not reset under the agent's hand
	const reason = h('select', { id: 'pause-reason' }, PAUSE_REASONS.map((r) => h('option', { value: r }, r)));
	let shown = null;

	const render = (status) => {
		const text = JSON.stringify(status);
		if (text === shown) return;
		shown = text;
		stateCard.replaceChildren(...agentState(status, reason, act));
	};
	const act = async (action) => {
		const result = await api('POST', '/api/agents/' + encodeURIComponent(id) + '/state', { action, reason: action === 'pause' ? reason.value : undefined });
		if (result.ok) {
			messages.replaceChildren();
			render(result.json);
		}
		else if (result.status === 409) messages.replaceChildren(banner('conflict', 'Not possible while you are ' + stateText(result.json).toLowerCase() + '.'));
		else messages.replaceChildren(banner('error', problemText(result)));
	};
	const refresh = async () => {
		const status = await api('GET', '/api/agents/' + encodeURIComponent(id) + '/state');
		if (status.ok) render(status.json);
		else messages.replaceChildren(banner('error', 'Cannot read your state: ' + problemText(status)));
	};

	main.replaceChildren(h('h2', {}, agent.name + ' · agent ' + agent.id),
		h('p', { className: 'muted', id: 'my-profile' }, 'Team ' + agent.team + ' · phone ' + agent.endpoint + ' · skills ' + (skillsText(agent.skills) || 'none')
			+ ' · languages ' + ((agent.languages || []).map(languageText).join(', ') || 'none')),
		messages, stateCard, h('h3', {}, 'Your calls today'), calls);
	await Promise.all([refresh(), showMyCalls(calls, id)]);
	let ticks = 0;
	state.timer = setInterval(() => {
		refresh();
		// the calls change far less often than the state
		if (++ticks % 5 === 0) showMyCalls(calls, id);
	}, 2000);
}

// The state in words, what it means now, and the buttons that apply to it.
function agentState(status, reason, act) {
	const when = (instant) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
	const details = {
		READY: status.readySince ? 'Waiting for a call since ' + when(status.readySince) + '.' : 'Waiting for a call.',
		RESERVED: 'A call is ringing on your phone.',
		ON_CALL: 'You are talking to a caller.',
		WRAP_UP: status.wrapUpUntil ? 'After-call work until ' + when(status.wrapUpUntil) + ', then ready by itself.' : 'After-call work.',
		NOT_READY: 'You take no calls until you press Ready.',
		LOGGED_OUT: 'You take no calls. Log in to start.',
	};
	const buttons = status.state === 'LOGGED_OUT'
		? [h('button', { id: 'my-login', onclick: () => act('login') }, 'Log in')]
		: [h('button', { id: 'my-ready', disabled: status.state === 'READY', onclick: () => act('ready') }, 'Ready'), ' ',
			labelled('Reason', reason), ' ', h('button', { id: 'my-pause', onclick: () => act('pause') }, 'Pause'), ' ',
			h('button', { id: 'my-logout', onclick: () => act('logout') }, 'Log out')];
	return [
		h('p', { className: 'my-state' }, 'You are ', h('strong', { id: 'my-state-name', 'data-state': status.state }, stateText(status))),
		h('p', { className: 'muted' }, details[status.state] || ''),
		status.pausePending ? h('p', { id: 'my-pause-pending' }, 'You pause once this call and its wrap-up are over (' + status.pausePending + '). Ready cancels that.') : '',
		status.reachable ? '' : banner('conflict', 'Your phone is not reachable: no call is offered to you until it is registered again.'),
		h('div', { className: 'actions' }, buttons),
	];
}

// The agent's calls since midnight in the viewer's zone, newest first, with their KPIs.
async function showMyCalls(element, id) {
	const result = await api('GET', '/api/agents/' + encodeURIComponent(id) + '/calls?zone=' + encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone));
	if (!result.ok) {
		element.replaceChildren(banner('error', 'Cannot load your calls: ' + problemText(result)));
		return;
	}
	const k = result.json.kpis;
	const calls = result.json.calls.slice().reverse();
	const time = (instant) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(instant));
	element.replaceChildren(
		h('div', { className: 'grid', id: 'my-kpis' },
			h('section', { className: 'card' }, h('div', { className: 'muted' }, 'Calls answered'), h('strong', { id: 'my-answered', className: 'figure' }, String(k.answered))),
			h('section', { className: 'card' }, h('div', { className: 'muted' }, 'Average handle time'), h('strong', { id: 'my-handle-time', className: 'figure' }, formatSeconds(k.ahtSeconds))),
			h('section', { className: 'card' }, h('div', { className: 'muted' }, 'CSAT'),
				h('strong', { id: 'my-csat', className: 'figure' }, k.csatAverage === null ? 'no ratings yet' : k.csatAverage.toFixed(1) + ' of 5'),
				k.csatAverage === null ? '' : h('div', { className: 'muted', id: 'my-csat-ratings' }, k.csatResponses + (k.csatResponses === 1 ? ' rating' : ' ratings')))),
		calls.length === 0 ? h('p', { id: 'my-no-calls' }, 'No calls yet today.') : h('table', { id: 'my-call-list' },
			h('tr', {}, ['Arrived', 'Line', 'Queue', 'Outcome', 'Wait', 'Talk', 'Handle time', 'CSAT'].map((t) => h('th', {}, t))),
			calls.map((c) => h('tr', { 'data-call': c.callId }, h('td', {}, time(c.times.arrived)), h('td', {}, c.line || '–'), h('td', {}, c.queue || '–'),
				h('td', {}, c.outcome.replaceAll('-', ' ')), h('td', {}, formatSeconds(c.durations.queueWaitSeconds)),
				h('td', {}, formatSeconds(c.durations.talkSeconds)), h('td', {}, formatSeconds(c.durations.handleSeconds)),
				h('td', {}, c.csat === null ? '–' : String(c.csat))))));
}

views.my = showMyPage;
