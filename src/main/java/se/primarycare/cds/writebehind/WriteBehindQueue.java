package se.primarycare.cds.writebehind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes records from request threads without making them wait for the database and writes them from one background
 * thread, in batches. Nothing accepted is dropped: a full queue (or a stopped one) makes the caller write its own
 * record; {@link #flush} lets a reader see every record accepted before it; on shutdown the queue is drained after
 * the web server has stopped taking requests (this lifecycle stops after it) and before the database is closed.
 *
 * <p>What a hard crash can lose is what was accepted in the last linger period.
 *
 * @param <T> one record
 */
public final class WriteBehindQueue<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WriteBehindQueue.class);

    /** How long {@link #flush} waits for a batch the writer thread is writing. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Consumer<List<T>> writer;
    private final BlockingQueue<Queued<T>> queue;
    private final int batchSize;
    private final long lingerMillis;
    private final Consumer<Duration> lag;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Object flushLock = new Object();
    private volatile boolean running;
    private Thread thread;

    /** A record and when it was accepted (monotonic nanos): how far the writer is behind is the lag. */
    private record Queued<T>(T record, long acceptedAt) {}

    /**
     * @param writer writes one batch; it handles its own failures (e.g. falls back to one record at a time)
     * @param lag told, for each record, how long it waited from accepted to written
     */
    public WriteBehindQueue(
            String name,
            Consumer<List<T>> writer,
            int capacity,
            int batchSize,
            long lingerMillis,
            Consumer<Duration> lag) {
        this.name = name;
        this.writer = writer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.lingerMillis = lingerMillis;
        this.lag = lag;
    }

    public void add(T record) {
        Queued<T> queued = new Queued<>(record, System.nanoTime());
        accepted.incrementAndGet();
        if (!running || !queue.offer(queued)) {
            write(List.of(queued));
        }
    }

    /** Writes what is waiting and returns once every record accepted before the call is written. */
    public void flush() {
        long target = accepted.get();
        List<Queued<T>> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        synchronized (flushLock) {
            while (written.get() < target && System.nanoTime() < deadline) {
                try {
                    flushLock.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Records written so far. */
    public long written() {
        return written.get();
    }

    public int pending() {
        return queue.size();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::drainLoop, name);
        thread.setDaemon(false);
        thread.start();
    }

    private void drainLoop() {
        List<Queued<T>> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Queued<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
                while (running && queue.size() < batchSize - 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the writer handles its own failures; what still escaped is in the log, loudly
                log.error("{}: a batch could not be written: {}", name, e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Queued<T>> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
        log.info("{} stopped; {} records written since start", name, written.get());
    }

    private void write(List<Queued<T>> batch) {
        try {
            writer.accept(batch.stream().map(Queued::record).toList());
        } finally {
            long now = System.nanoTime();
            batch.forEach(q -> lag.accept(Duration.ofNanos(now - q.acceptedAt())));
            written.addAndGet(batch.size());
            synchronized (flushLock) {
                flushLock.notifyAll();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops in a higher phase), so no request can still add a record. */
    @Override
    public int getPhase() {
        return 0;
    }
}
