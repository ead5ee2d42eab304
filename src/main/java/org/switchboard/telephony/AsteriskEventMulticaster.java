package org.switchboard.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

/**
 * Spring's multicaster, except that one listener failing on an {@link AsteriskEvent}
 * (Redis away, say) does not keep the others from hearing it: a hang-up must still reach
 * the call recorder when releasing the agent failed. Other events keep Spring's
 * behaviour, where the publisher sees a listener's exception.
 */
class AsteriskEventMulticaster extends SimpleApplicationEventMulticaster {

	private static final Logger log = LoggerFactory.getLogger(AsteriskEventMulticaster.class);

	@Override
	public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
		if (!(event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof AsteriskEvent)) {
			super.multicastEvent(event, eventType);
			return;
		}
		ResolvableType type = (eventType != null) ? eventType : ResolvableType.forInstance(event);
		for (ApplicationListener<?> listener : getApplicationListeners(event, type)) {
			try {
				invokeListener(listener, event);
			}
			catch (RuntimeException ex) {
				log.error("A listener failed on {}: {}", payload.getPayload().getClass().getSimpleName(), listener, ex);
			}
		}
	}

}
