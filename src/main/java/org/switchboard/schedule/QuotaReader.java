package org.switchboard.schedule;

import java.util.List;
import java.util.OptionalInt;

import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/** Reads a quota, the country's or a window's; only a window's counts answered calls. */
final class QuotaReader {

	private final List<FieldProblem> problems;

	QuotaReader(List<FieldProblem> problems) {
		this.problems = problems;
	}

	/** A quota; only a window's may set maxAnswered, which counts per occurrence. */
	Quota read(Entry value, boolean perWindow) {
		return Fields.of(value, "an object like {maxConcurrent: 20}", Words.OBJECT, this.problems::add).map((quota) -> {
			OptionalInt maxConcurrent = limit(quota, "maxConcurrent");
			OptionalInt maxAnswered = OptionalInt.empty();
			if (perWindow) {
				maxAnswered = limit(quota, "maxAnswered");
			}
			else if (quota.has("maxAnswered")) {
				quota.problem("maxAnswered",
						"counts calls per window occurrence: set it on a window's quota, not the country's");
			}
			quota.reportUnknownFields();
			if (maxConcurrent.isEmpty() && maxAnswered.isEmpty() && quota.isEmpty()) {
				quota.problem(value, "empty: set " + (perWindow ? "maxConcurrent or maxAnswered" : "maxConcurrent"));
			}
			return new Quota(maxConcurrent, maxAnswered);
		}).orElse(Quota.NONE);
	}

	private static OptionalInt limit(Fields quota, String key) {
		return quota.get(key)
			.flatMap((value) -> quota.number(value, 1, Quota.MAX))
			.map(OptionalInt::of)
			.orElse(OptionalInt.empty());
	}

}
