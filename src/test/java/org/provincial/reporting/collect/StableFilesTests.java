package org.provincial.reporting.collect;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StableFilesTests {

    /** A listed time far in the future: the server's clock never matters, only whether the listing changed. */
    private static final long AHEAD = System.currentTimeMillis() + Duration.ofHours(8).toMillis();

    @Test
    void takesAFileOnceTwoListingsTheIntervalApartShowItUnchanged() {
        StableFiles stable = new StableFiles(Duration.ofMillis(200), Duration.ofMinutes(1), clock::get);

        assertThat(stable.accept(listed("440100/a.csv", 10, AHEAD))).isFalse();
        assertThat(stable.listingSettled()).isFalse();
        assertThat(stable.accept(listed("440100/a.csv", 10, AHEAD))).as("a listing too soon after").isFalse();
        assertThat(stable.listingSettled()).isFalse();
        passes(250);
        assertThat(stable.accept(listed("440100/a.csv", 10, AHEAD))).isTrue();
        assertThat(stable.accept(listed("440100", 0, AHEAD, true))).isTrue();
        assertThat(stable.listingSettled()).isTrue();
        assertThat(stable.left()).isEmpty();
    }

    @Test
    void waitsAgainForAFileWhoseSizeOrTimeChangedBetweenListings() {
        StableFiles stable = new StableFiles(Duration.ofMillis(200), Duration.ofMinutes(1), clock::get);
        stable.accept(listed("440100/a.csv", 10, AHEAD));
        stable.accept(listed("440100/b.csv", 10, AHEAD));
        stable.listingSettled();
        passes(250);

        assertThat(stable.accept(listed("440100/a.csv", 20, AHEAD))).as("grown").isFalse();
        assertThat(stable.accept(listed("440100/b.csv", 10, AHEAD + 60_000))).as("touched").isFalse();
        assertThat(stable.listingSettled()).isFalse();
        passes(250);
        assertThat(stable.accept(listed("440100/a.csv", 20, AHEAD))).isTrue();
        assertThat(stable.accept(listed("440100/b.csv", 10, AHEAD + 60_000))).isTrue();
        assertThat(stable.listingSettled()).isTrue();
    }

    @Test
    void leavesAFileStillChangingWhenTheWaitEndsAndTakesItIfItSettlesAfterAll() {
        StableFiles stable = new StableFiles(Duration.ofMillis(100), Duration.ofMillis(300), clock::get);
        stable.accept(listed("440100/growing.csv", 1, AHEAD));
        stable.listingSettled();
        passes(350);

        assertThat(stable.accept(listed("440100/growing.csv", 2, AHEAD))).isFalse();
        assertThat(stable.listingSettled()).as("nothing is waited for once the wait ended").isTrue();
        assertThat(stable.left()).isEqualTo(Map.of("440100/growing.csv", 2L));
        passes(150);
        assertThat(stable.accept(listed("440100/growing.csv", 2, AHEAD))).isTrue();
        assertThat(stable.left()).isEmpty();
    }

    /** The time between listings, in nanoseconds. */
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private void passes(long millis) {
        clock.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    private static GenericFile<Object> listed(String path, long size, long modified) {
        return listed(path, size, modified, false);
    }

    private static GenericFile<Object> listed(String path, long size, long modified, boolean directory) {
        GenericFile<Object> file = new GenericFile<>();
        file.setRelativeFilePath(path);
        file.setFileLength(size);
        file.setLastModified(modified);
        file.setDirectory(directory);
        return file;
    }
}
