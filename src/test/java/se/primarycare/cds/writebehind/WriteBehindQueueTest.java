package se.primarycare.cds.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindQueueTest {

    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<Duration> lags = new CopyOnWriteArrayList<>();
    private WriteBehindQueue<String> queue;

    @AfterEach
    void stop() {
        if (queue != null && queue.isRunning()) {
            queue.stop();
        }
    }

    @Test
    void theCallerDoesNotWaitForTheWriteButEveryRecordIsWrittenInBatches() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queue = new WriteBehindQueue<>(
                "test",
                batch -> {
                    await(release);
                    stored.addAll(batch);
                },
                100,
                50,
                20,
                lags::add);
        queue.start();

        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            queue.add("r" + i);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(stored).isEmpty();

        release.countDown();
        queue.flush();
        assertThat(stored).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(lags).hasSize(10);
    }

    @Test
    void flushReturnsOnlyWhenTheBatchTheWriterIsWritingIsStored() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        queue = new WriteBehindQueue<>(
                "test",
                batch -> {
                    writing.countDown();
                    sleep(300);
                    stored.addAll(batch);
                },
                100,
                50,
                0,
                lags::add);
        queue.start();
        queue.add("in-flight");
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

        queue.flush();

        assertThat(stored).containsExactly("in-flight");
    }

    @Test
    void aFullQueueMakesTheCallerWriteItsOwnRecordAndNothingIsLost() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue = new WriteBehindQueue<>(
                "test",
                batch -> {
                    if (batch.contains("first")) {
                        writing.countDown();
                        await(release);
                    }
                    stored.addAll(batch);
                },
                1,
                50,
                0,
                lags::add);
        queue.start();
        queue.add("first");
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        queue.add("waits in the queue");

        queue.add("written by the caller");

        assertThat(stored).containsExactly("written by the caller");
        release.countDown();
        queue.flush();
        assertThat(stored).containsExactlyInAnyOrder("first", "waits in the queue", "written by the caller");
    }

    @Test
    void stoppingWritesWhatIsStillQueued() {
        queue = new WriteBehindQueue<>("test", stored::addAll, 100, 50, 10_000, lags::add);
        queue.start();
        queue.add("a");
        queue.add("b");

        queue.stop();

        assertThat(stored).containsExactlyInAnyOrder("a", "b");
        assertThat(queue.written()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
