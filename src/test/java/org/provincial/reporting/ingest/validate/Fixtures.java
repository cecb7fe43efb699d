package org.provincial.reporting.ingest.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionReference;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The real mappings/*.yaml and region reference, loaded once for all tests of the package. */
public final class Fixtures {

    public static final DatasetMappings MAPPINGS = loadMappings();
    public static final RegionReference REGIONS = RegionReference.load();

    private Fixtures() {
    }

    public static DatasetMapping mapping(String dataset) {
        return MAPPINGS.get(dataset);
    }

    private static DatasetMappings loadMappings() {
        try {
            return DatasetMappings.load(List.of(new PathMatchingResourcePatternResolver().getResources("classpath*:mappings/*.yaml")));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
