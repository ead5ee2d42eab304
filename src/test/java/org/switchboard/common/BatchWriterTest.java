package org.switchboard.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items go to the store in order, many in one write; while the store fails they are held,
 * bounded, and written by a later flush.
 */
class BatchWriterTest {

	private final List<List<String>> writes = new ArrayList<>();

	private final List<String> dropped = new ArrayList<>();

	private volatile boolean down;

	private final BatchWriter<String> writer = new BatchWriter<>("Items", this::store, 3, this.dropped::add);

	private void store(List<String> batch) {
		if (this.down) {
			throw new IllegalStateException("Redis is away");
		}
		synchronized (this.writes) {
			this.writes.add(List.copyOf(batch));
		}
	}

	@Test
	void heldItemsGoInOneWriteAtTheNextFlush() {
		this.writer.hold("a");
		this.writer.hold("b");
		assertThat(this.writes).isEmpty();

		this.writer.flush();

		assertThat(this.writes).containsExactly(List.of("a", "b"));
		assertThat(this.writer.held()).isZero();
	}

	@Test
	void whileTheStoreFailsItemsAreHeldInOrderAndWrittenWhenItIsBack() {
		this.down = true;
		this.writer.write("a");
		this.writer.write("b");
		assertThat(this.writer.held()).isEqualTo(2);

		this.down = false;
		this.writer.write("c");

		assertThat(this.writes).containsExactly(List.of("a", "b", "c"));
		assertThat(this.dropped).isEmpty();
	}

	@Test
	void pastTheBoundTheOldestIsDroppedAndTold() {
		this.down = true;
		for (String item : List.of("a", "b", "c", "d", "e")) {
			this.writer.write(item);
		}
		this.down = false;
		this.writer.flush();

		assertThat(this.dropped).containsExactly("a", "b");
		assertThat(this.writes).containsExactly(List.of("c", "d", "e"));
	}

	@Test
	void itemsWrittenWhileAnotherThreadWritesGoOutWithItsNextWriteNotTheirOwn() throws Exception {
		CountDownLatch inStore = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<List<String>> slow = new ArrayList<>();
		BatchWriter<String> writer = new BatchWriter<>("Items", (batch) -> {
			inStore.countDown();
			await(release);
			synchronized (slow) {
				slow.add(List.copyOf(batch));
			}
		}, 100, (lost) -> {
		});
		Thread first = Thread.ofVirtual().start(() -> writer.write("a"));
		assertThat(inStore.await(5, TimeUnit.SECONDS)).isTrue();

		// the writing thread holds the store: these callers leave at once
		writer.write("b");
		writer.write("c");
		assertThat(writer.held()).isEqualTo(2);
		release.countDown();
		first.join(5000);

		assertThat(slow).containsExactly(List.of("a"), List.of("b", "c"));
		assertThat(writer.held()).isZero();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
