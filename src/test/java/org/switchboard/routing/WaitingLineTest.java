package org.switchboard.routing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting line's order, positions and requeues against a real Redis. */
class WaitingLineTest {

	private static final JedisPooled redis = TestRedis.client();

	private final TestSite site = new TestSite(redis, "line-test-" + ProcessHandle.current().pid());

	@Test
	void callsWaitByPriorityThenArrivalEachInItsQueue() {
		enqueue("early", "billing", 0);
		enqueue("late", "billing", 0);
		enqueue("urgent", "billing", 7);
		enqueue("tech", "tech", 0);

		assertThat(positions("urgent", "early", "late")).containsExactly(1, 2, 3);
		assertThat(this.site.line.position("tech")).hasValue(1);
		assertThat(this.site.line.size("billing")).isEqualTo(3);
		assertThat(this.site.line.size("tech")).isOne();
		assertThat(this.site.line.size("sales")).isZero();
	}

	@Test
	void aTestCallIsToldThePlaceItWouldTakeWithoutTakingIt() {
		enqueue("urgent", "billing", 7);
		enqueue("early", "billing", 2);
		enqueue("low", "billing", 0);

		assertThat(this.site.line.placeFor(this.site.call("trying", "billing", 2, Map.of()))).isEqualTo(3);
		assertThat(this.site.line.placeFor(this.site.call("trying-vip", "billing", 9, Map.of()))).isEqualTo(1);
		assertThat(this.site.line.placeFor(this.site.call("trying-tech", "tech", 0, Map.of()))).isEqualTo(1);
		assertThat(this.site.line.size("billing")).isEqualTo(3);
		assertThat(this.site.line.find("trying")).isEmpty();
	}

	@Test
	void aCallPutBackAfterRingNoAnswerGoesAheadOfItsPriorityButBehindHigherOnes() {
		enqueue("urgent", "billing", 7);
		enqueue("waited-long", "billing", 2);
		enqueue("unanswered", "billing", 2);
		enqueue("low", "billing", 0);

		assertThat(this.site.line.requeueAtHead("unanswered")).isTrue();

		assertThat(positions("urgent", "unanswered", "waited-long", "low")).containsExactly(1, 2, 3, 4);
		assertThat(this.site.line.find("unanswered").orElseThrow().priority()).isEqualTo(2);
		assertThat(this.site.line.requeueAtHead("unknown")).isFalse();
	}

	@Test
	void aCallClaimedAtOnceIsRememberedSoARingNoAnswerCanPutItBackFirst() {
		this.site.readyAgent("1001", Map.of("billing", 3));
		enqueue("waiting", "billing", 4);
		this.site.agents.pause("1001", "coffee");
		this.site.agents.ready("1001");
		assertThat(this.site.agents.status("1001").orElseThrow().callId()).isEqualTo("waiting");
		enqueue("other", "billing", 4);

		assertThat(this.site.line.position("waiting")).isEmpty();
		assertThat(this.site.line.find("waiting")).isPresent();
		this.site.agents.missed("1001");
		assertThat(this.site.line.requeueAtHead("waiting")).isTrue();

		assertThat(positions("waiting", "other")).containsExactly(1, 2);
	}

	@Test
	void aCallWhoseNeedsWidenKeepsItsPlace() {
		enqueue("first", "billing", 0);
		CallNeeds second = this.site.call("second", "billing", 0, Map.of("billing", 4));
		this.site.line.enqueue(second);
		enqueue("third", "billing", 0);

		CallNeeds widened = new CallNeeds("second", "billing", Map.of("billing", 2), 0, second.arrivedAt());
		this.site.line.enqueue(widened);

		assertThat(this.site.line.position("second")).hasValue(2);
		assertThat(this.site.line.find("second")).contains(widened);
		assertThat(redis.smembers(this.site.keys.key("waiting", "groups"))).containsExactlyInAnyOrder("any",
				"billing=2");
	}

	@Test
	void aRemovedCallIsForgotten() {
		enqueue("gone", "billing", 0);
		enqueue("stays", "billing", 0);

		assertThat(this.site.line.remove("gone")).isTrue();
		assertThat(this.site.line.remove("gone")).isFalse();

		assertThat(this.site.line.position("gone")).isEmpty();
		assertThat(this.site.line.find("gone")).isEmpty();
		assertThat(this.site.line.requeueAtHead("gone")).isFalse();
		assertThat(this.site.line.position("stays")).hasValue(1);
	}

	@Test
	void aCallLeavingTheLineKeepsWhatRoutingKnowsOfItInItsOneHash() {
		RedisLiveCalls calls = new RedisLiveCalls(redis, this.site.keys);
		CallNeeds call = this.site.call("routed", "billing", 3, Map.of("billing", 2));
		calls.opened(call, "PJSIP/trunk-0001", Optional.of("DE"), Map.of("billing", 2));
		String hash = this.site.keys.key("call", "routed");
		long timeToLive = redis.ttl(hash);

		assertThat(this.site.claims.claimOrWait(call)).isEmpty();
		assertThat(this.site.line.position("routed")).hasValue(1);
		assertThat(this.site.line.find("routed")).contains(call);
		assertThat(calls.country("routed")).as("the call's country, not the quota's it has none of").hasValue("DE");
		assertThat(redis.ttl(hash)).as("the line leaves the expiry routing gave the call")
			.isBetween(timeToLive - 5, timeToLive);

		assertThat(this.site.line.remove("routed")).isTrue();

		assertThat(redis.hgetAll(hash)).containsEntry("channel", "PJSIP/trunk-0001")
			.containsEntry("country", "DE")
			.containsEntry("queue", "billing")
			.containsEntry("priority", "3")
			.doesNotContainKeys("groups", "quotaCountry", "maxConcurrent", "window", "maxAnswered", "windowEnds");
		assertThat(redis.ttl(hash)).isPositive();
		assertThat(this.site.line.find("routed")).isEmpty();
		assertThat(this.site.line.position("routed")).isEmpty();
		assertThat(this.site.line.waiting()).isEmpty();
		assertThat(this.site.line.remove("routed")).isFalse();
		assertThat(calls.needs("routed")).as("routing still knows the call").isPresent();
	}

	@Test
	void aCallRoutingOpenedButNeverLinedUpIsNotInLine() {
		RedisLiveCalls calls = new RedisLiveCalls(redis, this.site.keys);
		calls.opened(this.site.call("opened", "billing", 0, Map.of()), "PJSIP/trunk-0002", Optional.of("FR"), Map.of());

		assertThat(this.site.line.find("opened")).isEmpty();
		assertThat(this.site.line.position("opened")).isEmpty();
		assertThat(this.site.line.waiting()).isEmpty();
		assertThat(this.site.line.requeueAtHead("opened")).isFalse();
		assertThat(this.site.line.remove("opened")).isFalse();
		assertThat(calls.find("opened").orElseThrow().channel()).hasValue("PJSIP/trunk-0002");
	}

	@Test
	void aCallOnlyTheLineKnowsExpiresADayLaterAndIsNoCallRoutingOpened() {
		enqueue("line-only", "billing", 0);
		String hash = this.site.keys.key("call", "line-only");

		assertThat(redis.ttl(hash)).isBetween(Duration.ofDays(1).toSeconds() - 5, Duration.ofDays(1).toSeconds());
		RedisLiveCalls calls = new RedisLiveCalls(redis, this.site.keys);
		assertThat(calls.needs("line-only")).isEmpty();
		assertThat(this.site.line.find("line-only")).isPresent();

		assertThat(this.site.line.remove("line-only")).isTrue();
		assertThat(redis.ttl(hash)).isPositive();
		assertThat(calls.needs("line-only")).isEmpty();
	}

	@Test
	void aCallWhoseHashExpiredWhileItWaitedGetsNoAgent() {
		enqueue("expired", "billing", 0);
		enqueue("alive", "billing", 0);
		redis.del(this.site.keys.key("call", "expired"));

		this.site.readyAgent("1001", Map.of("billing", 3));

		assertThat(this.site.agents.status("1001").orElseThrow().callId()).isEqualTo("alive");
		assertThat(redis.zrange(this.site.keys.key("waiting", "group", "any"), 0, -1)).isEmpty();
	}

	private void enqueue(String callId, String queue, int priority) {
		this.site.line.enqueue(this.site.call(callId, queue, priority, Map.of()));
	}

	private List<Integer> positions(String... callIds) {
		return Arrays.stream(callIds).map((id) -> this.site.line.position(id).orElse(-1)).toList();
	}

}
