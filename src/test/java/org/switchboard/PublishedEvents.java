package org.switchboard;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Records every event a feature publishes, from any thread (Spring's own recorder sees
 * only the test's thread, and AMI events arrive on the dispatcher's).
 */
public final class PublishedEvents implements ApplicationListener<PayloadApplicationEvent<?>> {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<?> event) {
		this.events.add(event.getPayload());
	}

	public <T> List<T> all(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/**
	 * Waits for the first event of this type that matches, published from now on or
	 * before.
	 */
	public <T> T await(Class<T> type, Predicate<T> matching, Duration timeout) {
		return org.awaitility.Awaitility.await()
			.atMost(timeout)
			.until(() -> all(type).stream().filter(matching).findFirst().orElse(null), (found) -> found != null);
	}

	/** Forgets what was recorded, so a test sees only its own events. */
	public void clear() {
		this.events.clear();
	}

}
