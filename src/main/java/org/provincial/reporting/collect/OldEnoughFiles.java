package org.provincial.reporting.collect;

import java.time.Duration;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through the files of a remote listing whose modification time is at least the minimum age old, judged from
 * the listing itself; a younger file (perhaps still being uploaded) is left for a later run.
 */
final class OldEnoughFiles implements GenericFileFilter<Object> {

    private static final Logger log = LoggerFactory.getLogger(OldEnoughFiles.class);

    private final SourceLocation source;
    private final Duration minAge;

    OldEnoughFiles(SourceLocation source, Duration minAge) {
        this.source = source;
        this.minAge = minAge;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return true;
        }
        long age = System.currentTimeMillis() - file.getLastModified();
        if (age >= minAge.toMillis()) {
            return true;
        }
        log.info("Leaving {} on {} for a later run: modified {} s ago, read once {} s old",
                file.getRelativeFilePath().replace('\\', '/'), source.masked(), Math.max(0, age / 1000),
                minAge.toSeconds());
        return false;
    }
}
