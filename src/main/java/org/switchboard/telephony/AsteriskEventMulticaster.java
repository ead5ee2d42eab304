package org.switchboard.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.CallEvent;

/**
 * Spring's multicaster, except that one listener failing on an {@link AsteriskEvent} or a
 * {@link CallEvent} (Redis away, say) does not keep the others from hearing it: a hang-up
 * must still reach the call recorder when releasing the agent failed. Once all have heard
 * it, the publisher learns that one failed ({@link ListenerFailedException}), so that it
 * can have the state healed. Other events keep Spring's behaviour, where the publisher
 * sees a listener's exception.
 */
class AsteriskEventMulticaster extends SimpleApplicationEventMulticaster {

	private static final Logger log = LoggerFactory.getLogger(AsteriskEventMulticaster.class);

	@Override
	public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
		if (!(event instanceof PayloadApplicationEvent<?> payload
				&& (payload.getPayload() instanceof AsteriskEvent || payload.getPayload() instanceof CallEvent))) {
			super.multicastEvent(event, eventType);
			return;
		}
		ResolvableType type = (eventType != null) ? eventType : ResolvableType.forInstance(event);
		RuntimeException failure = null;
		for (ApplicationListener<?> listener : getApplicationListeners(event, type)) {
			try {
				invokeListener(listener, event);
			}
			catch (RuntimeException ex) {
				log.error("A listener failed on {}: {}", payload.getPayload().getClass().getSimpleName(), listener, ex);
				failure = ex;
			}
		}
		if (failure != null) {
			throw new ListenerFailedException(payload.getPayload().getClass().getSimpleName(), failure);
		}
	}

	/** At least one listener failed on an Asterisk event; every one heard it. */
	static final class ListenerFailedException extends RuntimeException {

		ListenerFailedException(String event, RuntimeException last) {
			super("a listener failed on " + event + ": " + last.getMessage(), last);
		}

	}

}
