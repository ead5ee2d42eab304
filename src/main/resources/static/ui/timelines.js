// Timelines: a country's week as bars per day, in its own zone and the viewer's, and the
// Coverage page, every country over one UTC day. The server works out zones, DST, holidays
// and special days (/api/schedules/{CC}/week, /api/coverage); this file only places what it gets.
'use strict';

const timelines = { week: {}, cache: new Map() };
const VIEWER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const COUNTRY_COLORS = ['#3d7be0', '#1a9c8c', '#d98b1f', '#8a5cd6', '#d0568f', '#4a9e3a', '#5d6b82', '#2a9bc4'];

// --- shared drawing -------------------------------------------------------------------------

function percent(minutes) {
	return (100 * minutes / 1440).toFixed(3) + '%';
}

// A block placed on a 24-hour track by minutes of the day.
function block(className, start, end, attrs, ...children) {
	return h('div', Object.assign({ className, style: 'left:' + percent(start) + ';width:' + percent(Math.max(end - start, 2)) }, attrs || {}), ...children);
}

// The hours above a track: a label every `every` hours.
function hourAxis(every, label) {
	const ticks = [];
	for (let hour = 0; hour <= 24; hour += every) {
		ticks.push(h('span', { className: 'timeline-tick' + (hour === 24 ? ' last' : ''), style: 'left:' + percent(hour * 60) }, label ? label(hour) : String(hour).padStart(2, '0') + ':00'));
	}
	return h('div', { className: 'timeline-axis' }, ticks);
}

// Today's date and the minute of the day now, in a zone, as the browser's clock has it.
function nowIn(zone) {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
		hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date()).map((p) => [p.type, p.value]));
	return { date: parts.year + '-' + parts.month + '-' + parts.day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

// The wall-clock time an ISO date-time with an offset names, like 08:00 of 2026-12-24T08:00:00+01:00.
function wallClock(iso) {
	return iso.substring(11, 16);
}

function timeIn(iso, zone) {
	return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

// Like Mon 23 Mar, or Mon 23 Mar 2026 with the year.
// The weekday and time an instant is in a zone, like { day: 'Thu', time: '20:00' }.
function dateTimeIn(iso, zone) {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
		.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
	return { day: parts.weekday, time: parts.hour + ':' + parts.minute };
}

function dayName(date, withYear) {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
		.formatToParts(new Date(date + 'T00:00:00Z')).map((p) => [p.type, p.value]));
	return parts.weekday + ' ' + parts.day + ' ' + parts.month + (withYear ? ' ' + parts.year : '');
}

function addDays(date, days) {
	const d = new Date(date + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().substring(0, 10);
}

// The legend entries for the kinds of marked days drawn.
function markLegend(marks) {
	const kinds = [['holiday', true, 'holiday, closed'], ['holiday', false, 'holiday, the line stays open'],
		['special-day', true, 'special day, closed'], ['special-day', false, 'special day, its own hours']];
	return kinds.filter(([kind, closed]) => marks.some((mark) => mark.kind === kind && mark.closed === closed))
		.map(([kind, closed, text]) => ['timeline-mark ' + kind + (closed ? ' closed' : ''), text]);
}

function markTitle(mark) {
	const what = mark.kind === 'holiday' ? 'Holiday' : 'Special day';
	return what + ' ' + mark.date + ': ' + mark.name + (mark.closed ? ' — closed all day' : mark.kind === 'holiday' ? ' — the line stays open' : ' — its own hours');
}

// --- a country's week -----------------------------------------------------------------------

// The week timeline on a country's schedule page; it loads by itself and keeps the week
// chosen while the editor re-renders.
function weekTimeline(country, version) {
	const section = h('section', { className: 'card timeline-week', id: 'week-timeline', 'data-country': country }, h('span', { className: 'muted' }, 'Loading the week…'));
	loadWeek(section, country, version);
	return section;
}

async function loadWeek(section, country, version) {
	const from = timelines.week[country] || '';
	const key = [country, version, from, VIEWER_ZONE].join('|');
	let result = timelines.cache.get(key);
	if (!result) {
		result = await api('GET', '/api/schedules/' + country + '/week?zone=' + encodeURIComponent(VIEWER_ZONE) + (from ? '&from=' + from : ''));
		if (result.ok) timelines.cache.set(key, result);
	}
	if (!result.ok) {
		section.replaceChildren(banner('error', 'Cannot load the week: ' + problemText(result)));
		return;
	}
	const week = result.json;
	const go = (date) => {
		timelines.week[country] = date;
		loadWeek(section, country, version);
	};
	const teams = [];
	week.zones.forEach((zone) => zone.days.forEach((day) => day.open.forEach((bar) => { if (!teams.includes(bar.team)) teams.push(bar.team); })));
	section.replaceChildren(
		h('div', { className: 'timeline-head' },
			h('strong', {}, dayName(week.from) + ' – ' + dayName(week.to, true)),
			h('span', { className: 'timeline-nav' },
				h('button', { type: 'button', id: 'week-before', onclick: () => go(addDays(week.from, -7)) }, '‹ Week before'),
				h('button', { type: 'button', id: 'week-this', onclick: () => go('') }, 'This week'),
				h('button', { type: 'button', id: 'week-after', onclick: () => go(addDays(week.from, 7)) }, 'Week after ›'), ' ',
				h('label', {}, 'Go to ', h('input', { type: 'date', id: 'week-date', value: week.from, onchange: (e) => { if (e.target.value) go(e.target.value); } })))),
		h('div', { className: 'timeline-zones' }, week.zones.map((zone) => weekPanel(week, zone, teams))),
		timelineLegend([...teams.map((team, i) => ['timeline-bar', team, COUNTRY_COLORS[i % COUNTRY_COLORS.length]]),
			...(week.zones.some((zone) => zone.days.some((day) => day.open.some((bar) => bar.specialDay))) ? [['timeline-bar special', 'hours of a special day']] : []),
			...markLegend(week.zones.flatMap((zone) => zone.days.flatMap((day) => day.marks)))]));
}

function weekPanel(week, zone, teams) {
	const now = nowIn(zone.zone);
	const title = zone.own
		? ['In ', h('strong', {}, zone.zone), ', ' + week.country + "'s own time" + (week.zones.length === 1 ? ' (and yours)' : '')]
		: ['In ', h('strong', {}, 'your time'), ', ' + zone.zone];
	return h('div', { className: 'timeline', 'data-zone': zone.zone, 'data-own': String(zone.own) },
		h('div', { className: 'timeline-title' }, title),
		h('div', { className: 'timeline-row axis' }, h('span', { className: 'timeline-day' }), hourAxis(6)),
		zone.days.map((day) => h('div', { className: 'timeline-row' + (day.date === now.date ? ' today' : ''), 'data-date': day.date },
			h('span', { className: 'timeline-day', title: day.date }, day.weekday + ' ' + Number(day.date.substring(8))),
			h('div', { className: 'timeline-track' },
				day.marks.map((mark) => block('timeline-mark ' + mark.kind + (mark.closed ? ' closed' : ''), mark.startMinute, mark.endMinute,
					{ title: markTitle(mark), 'data-kind': mark.kind, 'data-name': mark.name }, mark.endMinute - mark.startMinute >= 180 ? mark.name : null)),
				day.open.map((bar) => block('timeline-bar' + (bar.specialDay ? ' special' : ''), bar.startMinute, bar.endMinute, {
					title: bar.team + ': ' + bar.from + '–' + bar.to + ' ' + zone.zone + (bar.specialDay ? ' (special day: ' + bar.specialDay + ')' : ' (window ' + bar.window + ')')
						+ '; open ' + formatIn(bar.opens, zone.zone) + ' to ' + formatIn(bar.closes, zone.zone),
					'data-from': bar.from, 'data-to': bar.to, 'data-team': bar.team,
					style: 'left:' + percent(bar.startMinute) + ';width:' + percent(bar.endMinute - bar.startMinute)
						+ (bar.specialDay ? '' : ';background:' + COUNTRY_COLORS[teams.indexOf(bar.team) % COUNTRY_COLORS.length]),
				}, bar.endMinute - bar.startMinute >= 200 ? bar.from + '–' + bar.to : null)),
				day.date === now.date ? block('timeline-now', now.minute, now.minute + 1, { title: 'now' }) : null),
			day.clockChange ? h('span', { className: 'timeline-note', title: day.clockChange }, '⟳ ' + day.clockChange) : null)));
}

function timelineLegend(entries) {
	return h('div', { className: 'timeline-legend' }, entries.map(([className, text, color]) =>
		h('span', {}, h('span', { className: 'swatch ' + className, style: color ? 'background:' + color : null }), ' ' + text)));
}

// --- coverage: every country over one UTC day -----------------------------------------------

async function showCoverage(main, date) {
	const result = await api('GET', '/api/coverage' + (date ? '?date=' + encodeURIComponent(date) : ''));
	if (!result.ok) {
		main.replaceChildren(h('h2', {}, 'Coverage'), banner('error', 'Cannot load the coverage: ' + problemText(result)));
		return;
	}
	const c = result.json;
	const go = (day) => { location.hash = '#coverage/' + day; };
	const picker = h('input', { type: 'date', id: 'coverage-date', value: c.date, onchange: (e) => { if (e.target.value) go(e.target.value); } });
	const colors = {};
	c.countries.forEach((country, i) => { colors[country.country] = COUNTRY_COLORS[i % COUNTRY_COLORS.length]; });
	const minuteOf = (iso) => Math.round((new Date(iso) - new Date(c.from)) / 60000);
	const utcRange = (span) => wallClock(span.from) + '–' + (minuteOf(span.to) === 1440 ? '24:00' : wallClock(span.to)) + ' UTC';
	const yourRange = (span) => {
		const [from, to] = [dateTimeIn(span.from, VIEWER_ZONE), dateTimeIn(span.to, VIEWER_ZONE)];
		return (from.day === to.day ? from.time + '–' + to.time : from.day + ' ' + from.time + ' – ' + to.day + ' ' + to.time) + ' your time';
	};
	const now = new Date();
	const nowMinute = minuteOf(now.toISOString());
	const showNow = nowMinute >= 0 && nowMinute < 1440;
	const gapBands = () => c.gaps.map((gap) => block('coverage-gap-band', minuteOf(gap.from), minuteOf(gap.to)));
	const nowLine = () => (showNow ? block('timeline-now', nowMinute, nowMinute + 1, { title: 'now' }) : null);

	const rows = c.countries.map((country) => {
		const open = country.open.map((span) => block('timeline-bar', minuteOf(span.from), minuteOf(span.to), {
			title: country.country + ' ' + span.team + ': open ' + wallClock(span.opens) + '–' + wallClock(span.closes) + ' ' + country.timeZone
				+ (span.specialDay ? ' (special day: ' + span.specialDay + ')' : '') + '; ' + utcRange(span) + '; ' + yourRange(span),
			'data-country': country.country, 'data-from': span.from, 'data-to': span.to,
			style: 'left:' + percent(minuteOf(span.from)) + ';width:' + percent(minuteOf(span.to) - minuteOf(span.from)) + ';background:' + colors[country.country],
		}, minuteOf(span.to) - minuteOf(span.from) >= 120 ? wallClock(span.opens) + '–' + wallClock(span.closes) + (span.specialDay ? ' ' + span.specialDay : '') : null));
		const marks = country.days.map((day) => block('timeline-mark ' + day.kind + (day.closed ? ' closed' : ''), minuteOf(day.from), minuteOf(day.to),
			{ title: country.country + ' ' + markTitle(day), 'data-kind': day.kind, 'data-name': day.name }, minuteOf(day.to) - minuteOf(day.from) >= 180 && !country.open.length ? day.name : null));
		const overflow = country.overflow.map((step) => h('div', { className: 'coverage-row overflow' },
			h('span', { className: 'coverage-label' }, '→ ' + step.country + ' after ' + step.afterSeconds + ' s'),
			h('div', { className: 'timeline-track thin' }, gapBands(),
				step.during.map((span) => block('coverage-overflow', minuteOf(span.from), minuteOf(span.to), {
					title: 'Calls waiting ' + step.afterSeconds + ' s in ' + country.country + ' go to ' + step.country + "'s team: " + utcRange(span) + ', ' + yourRange(span),
					'data-from-country': country.country, 'data-to-country': step.country, style: 'left:' + percent(minuteOf(span.from))
						+ ';width:' + percent(minuteOf(span.to) - minuteOf(span.from)) + ';background:' + (colors[step.country] || '#8892a6'),
				})),
				step.during.length ? null : h('span', { className: 'coverage-never muted' }, step.country + (colors[step.country] ? ' is never open at the same time' : ' has no schedule')))));
		return h('div', { className: 'coverage-country', 'data-country': country.country },
			h('div', { className: 'coverage-row' },
				h('span', { className: 'coverage-label' }, h('span', { className: 'swatch', style: 'background:' + colors[country.country] }), ' ',
					h('strong', {}, country.country), ' ', h('span', { className: 'coverage-zone' }, country.timeZone.replace(/_/g, ' ') + ' · UTC' + (country.offset === 'Z' ? '' : country.offset))),
				h('div', { className: 'timeline-track' }, gapBands(), marks, open, nowLine(),
					country.open.length || country.days.some((day) => day.closed) ? null : h('span', { className: 'coverage-closed' }, 'no opening hours this day'))),
			overflow);
	});

	// green where some country is open, the gaps drawn over it
	const anyRow = h('div', { className: 'coverage-row total' },
		h('span', { className: 'coverage-label' }, h('strong', {}, 'Any country open')),
		h('div', { className: 'timeline-track covered', title: 'some country is open' },
			c.gaps.map((gap) => block('coverage-gap', minuteOf(gap.from), minuteOf(gap.to), {
				title: 'No country open: ' + utcRange(gap) + ' (' + yourRange(gap) + ')', 'data-from': gap.from, 'data-to': gap.to,
			}, minuteOf(gap.to) - minuteOf(gap.from) >= 60 ? 'gap ' + wallClock(gap.from) + '–' + (minuteOf(gap.to) === 1440 ? '24:00' : wallClock(gap.to)) : null)),
			nowLine()));

	const summary = c.gaps.length
		? banner('error', h('strong', {}, 'Gap in coverage: '), 'no country is open ' + c.gaps.map((gap) => utcRange(gap) + ' (' + yourRange(gap) + ')').join(', ') + '.')
		: banner('ok', 'Some country is open all day long.');
	summary.id = 'coverage-summary';

	main.replaceChildren(h('h2', {}, 'Coverage'),
		h('p', { className: 'muted' }, 'Who answers, hour by hour, on one day in UTC: each country’s open hours by its own schedule (zone, daylight saving, holidays, special days), '
			+ 'and whom its waiting calls overflow to while both are open.'),
		h('div', { className: 'coverage-controls' },
			h('button', { type: 'button', id: 'coverage-before', onclick: () => go(addDays(c.date, -1)) }, '‹ Day before'), ' ',
			h('label', {}, 'Day (UTC) ', picker), ' ',
			h('button', { type: 'button', id: 'coverage-after', onclick: () => go(addDays(c.date, 1)) }, 'Day after ›'), ' ',
			h('button', { type: 'button', id: 'coverage-today', onclick: () => go(new Date().toISOString().substring(0, 10)) }, 'Today'), ' ',
			h('strong', { className: 'coverage-day' }, dayName(c.date, true))),
		summary,
		h('section', { className: 'card coverage', id: 'coverage' },
			h('div', { className: 'coverage-row axis' }, h('span', { className: 'coverage-label muted' }, 'UTC'), hourAxis(2)),
			VIEWER_ZONE === 'UTC' || VIEWER_ZONE === 'Etc/UTC' ? null : h('div', { className: 'coverage-row axis yours' },
				h('span', { className: 'coverage-label muted', title: VIEWER_ZONE }, 'Your time (' + VIEWER_ZONE.split('/').pop().replace(/_/g, ' ') + ')'), hourAxis(2, (hour) => timeIn(new Date(new Date(c.from).getTime() + hour * 3600000).toISOString(), VIEWER_ZONE))),
			rows, anyRow),
		timelineLegend([['timeline-bar', 'open, labelled in local hours', COUNTRY_COLORS[0]], ['coverage-overflow', 'overflow to a country (its colour), while both are open', COUNTRY_COLORS[1]],
			...markLegend(c.countries.flatMap((country) => country.days)), c.gaps.length ? ['coverage-gap', 'no country open'] : null,
			showNow ? ['timeline-now', 'now'] : null].filter((entry) => entry)));
}
