package org.switchboard.schedule;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;
import org.switchboard.call.Mailboxes;

/**
 * Reads what a caller gets while the line is closed, refusing a mailbox that nothing
 * would use and a voicemail without one.
 */
final class ClosedActionReader {

	private static final Set<String> TYPES = Set.of("announce-next-opening", "voicemail", "callback");

	private static final Set<String> THENS = Set.of("voicemail", "callback", "hangup");

	private final List<FieldProblem> problems;

	ClosedActionReader(List<FieldProblem> problems) {
		this.problems = problems;
	}

	/** The action, or empty when it has any problem. */
	Optional<ClosedAction> read(Entry value) {
		return Fields
			.of(value, "an object like {type: voicemail, mailbox: \"1000@switchboard\"}", Words.OBJECT,
					this.problems::add)
			.flatMap((action) -> {
				int before = this.problems.size();
				Optional<String> type = action.requiredText("type");
				Optional<String> then = action.text("then");
				Optional<Entry> mailboxValue = action.get("mailbox");
				Optional<String> mailbox = mailboxValue.flatMap(action::text)
					.flatMap((written) -> mailbox(action, written));
				action.reportUnknownFields();
				checkCombination(action, type, then, mailboxValue.isPresent());
				Optional<ClosedAction> read = type.flatMap((name) -> switch (name) {
					case "announce-next-opening" ->
						then(action, then, mailbox).map(ClosedAction.AnnounceNextOpening::new);
					case "voicemail" -> mailbox.map(ClosedAction.Voicemail::new);
					case "callback" -> Optional.of(new ClosedAction.Callback());
					default -> {
						action.problem("type", "unknown closed action type, expected "
								+ "announce-next-opening, voicemail or callback: '" + name + "'");
						yield Optional.empty();
					}
				});
				return (this.problems.size() == before) ? read : Optional.empty();
			});
	}

	private static Optional<String> mailbox(Fields action, String written) {
		try {
			return Optional.of(Mailboxes.number(written));
		}
		catch (IllegalArgumentException ex) {
			action.problem("mailbox", ex.getMessage());
			return Optional.empty();
		}
	}

	/** A then only after an announcement; a mailbox exactly when voicemail is left. */
	private static void checkCombination(Fields action, Optional<String> type, Optional<String> then,
			boolean hasMailbox) {
		boolean announces = type.filter("announce-next-opening"::equals).isPresent();
		if (then.isPresent() && type.isPresent() && !announces) {
			action.problem("then", "only follows type announce-next-opening, not " + type.get());
		}
		boolean voicemail = type.filter("voicemail"::equals).isPresent()
				|| (announces && then.filter("voicemail"::equals).isPresent());
		if (voicemail && !hasMailbox) {
			action.problem("mailbox", "required for voicemail but missing");
		}
		else if (!voicemail && hasMailbox && (type.isEmpty() || TYPES.contains(type.get()))
				&& (then.isEmpty() || THENS.contains(then.get()))) {
			action.problem("mailbox", "only goes with voicemail");
		}
	}

	private static Optional<ClosedAction.Then> then(Fields action, Optional<String> then, Optional<String> mailbox) {
		return switch (then.orElse("hangup")) {
			case "hangup" -> Optional.of(new ClosedAction.Hangup());
			case "callback" -> Optional.of(new ClosedAction.Callback());
			case "voicemail" -> mailbox.map(ClosedAction.Voicemail::new);
			default -> {
				action.problem("then", "unknown then, expected voicemail, callback or hangup: '" + then.get() + "'");
				yield Optional.empty();
			}
		};
	}

}
