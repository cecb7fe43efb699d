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

    /** Completes 17 leading digits into a resident ID with the GB 11643 check character. */
    static String residentId(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
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
