package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.List;

/**
 * A response to an AMI action: Response, then the echoed ActionID, then the action's own
 * fields.
 */
record AmiResponse(List<AmiField> fields) {

	static AmiResponse success(AmiAction action) {
		return of("Success", action);
	}

	static AmiResponse error(AmiAction action, String message) {
		return of("Error", action).with("Message", message);
	}

	static AmiResponse of(String response, AmiAction action) {
		AmiResponse answer = new AmiResponse(List.of(new AmiField("Response", response)));
		return (action.actionId() != null) ? answer.with("ActionID", action.actionId()) : answer;
	}

	AmiResponse with(String key, String value) {
		List<AmiField> more = new ArrayList<>(this.fields);
		more.add(new AmiField(key, value));
		return new AmiResponse(List.copyOf(more));
	}

	String wire() {
		return AmiField.wire(this.fields);
	}

}
