package org.switchboard.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import org.switchboard.ivr.CallFacts;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.Schedules;
import org.switchboard.call.CallRequest;

/**
 * The country of a call from the caller's number (libphonenumber, no prefix tables of our
 * own), falling back to the dialled number's country when the caller ID is withheld or
 * invalid, and whether that country's schedule is open. A country without a schedule is
 * served at any time.
 */
@Component
class CallerCountries implements CallFacts {

	private static final Logger log = LoggerFactory.getLogger(CallerCountries.class);

	private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

	private final Schedules schedules;

	private final Map<String, RoutingSettings.Line> lines;

	CallerCountries(Schedules schedules, RoutingSettings settings) {
		this.schedules = schedules;
		this.lines = settings.lines();
	}

	@Override
	public Optional<String> country(CallRequest request) {
		RoutingSettings.Line line = this.lines.get(request.dialled());
		Optional<String> lineCountry = (line != null) ? Optional.of(line.country()) : region(request.dialled());
		if (line != null && line.routeBy() == RoutingSettings.RouteBy.LINE) {
			return lineCountry;
		}
		return region(request.callerId()).or(() -> lineCountry);
	}

	@Override
	public boolean open(String country, Instant at) {
		try {
			return this.schedules.decide(country, at).map(ScheduleDecision::isOpen).orElse(true);
		}
		catch (RuntimeException ex) {
			// schedules unreadable (Redis away): serve the caller rather than turn them
			// away
			log.warn("Schedule of {} unreadable ({}); treating it as open", country, ex.toString());
			return true;
		}
	}

	Optional<String> region(String number) {
		if (number == null || !number.strip().startsWith("+")) {
			return Optional.empty();
		}
		try {
			PhoneNumber parsed = this.numbers.parse(number.strip(), "ZZ");
			String region = this.numbers.isValidNumber(parsed) ? this.numbers.getRegionCodeForNumber(parsed)
					: this.numbers.isPossibleNumber(parsed)
							? this.numbers.getRegionCodeForCountryCode(parsed.getCountryCode()) : null;
			// 001 is a non-geographic code (satellite, global services): no country to
			// route by
			return Optional.ofNullable(region).filter((code) -> code.length() == 2 && !code.equals("ZZ"));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
