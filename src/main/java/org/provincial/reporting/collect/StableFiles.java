package org.provincial.reporting.collect;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Lets through the files of a source's listing whose size and modification time are the same as in a listing at
 * least {@code stableAfter} earlier: a complete file, judged without comparing the server's clock with ours (FTP
 * servers often list local time, to the minute). A file still changing is waited for until the collection's deadline,
 * then left for a later run. One instance serves one source in one collection, its polls one after the other.
 */
final class StableFiles implements GenericFileFilter<Object> {

    /** What a listing said about a file, and since when (System.nanoTime) it has said so. */
    private record Listed(long size, long modified, long since) {
    }

    private final Map<String, Listed> listed = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> left = new ConcurrentHashMap<>();
    private final long stableAfterNanos;
    private final LongSupplier nanoClock;
    private final long deadline;

    /**
     * @param stableAfter how far apart two listings must be that show a file unchanged
     * @param wait        how long, from now, files still changing are waited for
     */
    StableFiles(Duration stableAfter, Duration wait) {
        this(stableAfter, wait, System::nanoTime);
    }

    /** With the clock that tells the time between listings, in nanoseconds like System.nanoTime. */
    StableFiles(Duration stableAfter, Duration wait, LongSupplier nanoClock) {
        this.stableAfterNanos = stableAfter.toNanos();
        this.nanoClock = nanoClock;
        this.deadline = nanoClock.getAsLong() + wait.toNanos();
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return true;
        }
        String path = file.getRelativeFilePath().replace('\\', '/');
        long now = nanoClock.getAsLong();
        Listed before = listed.get(path);
        if (before != null && before.size() == file.getFileLength() && before.modified() == file.getLastModified()) {
            if (now - before.since() >= stableAfterNanos) {
                waiting.remove(path);
                left.remove(path);
                return true;
            }
        }
        else {
            listed.put(path, new Listed(file.getFileLength(), file.getLastModified(), now));
        }
        if (now - deadline >= 0) {
            left.put(path, file.getFileLength());
        }
        else {
            waiting.add(path);
        }
        return false;
    }

    /**
     * Ends a listing: true when none of its files is still waited for (each was complete, or left once the wait
     * ended). The next listing starts afresh.
     */
    boolean listingSettled() {
        boolean settled = waiting.isEmpty();
        waiting.clear();
        return settled;
    }

    /** The files left for a later run, still changing when the wait ended: path below the source → size last listed. */
    Map<String, Long> left() {
        return new TreeMap<>(left);
    }
}
