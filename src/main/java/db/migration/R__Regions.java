package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;

/** Loads the shipped region reference into {@code region} and {@code region_ancestor}; reruns when the CSV changes. */
public class R__Regions extends BaseJavaMigration {

    @Override
    public Integer getChecksum() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RegionReference.RESOURCE)) {
            CRC32 crc = new CRC32();
            crc.update(in.readAllBytes());
            return (int) crc.getValue();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void migrate(Context context) throws Exception {
        RegionReference reference = RegionReference.load();
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("delete from region_ancestor");
            statement.execute("delete from region");
        }
        try (PreparedStatement regions = context.getConnection().prepareStatement(
                "insert into region (code, name, level, parent_code, province_code, rank) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement ancestors = context.getConnection().prepareStatement(
                "insert into region_ancestor (descendant, ancestor) values (?, ?)")) {
            for (Region region : reference.all()) {
                regions.setString(1, region.code());
                regions.setString(2, region.name());
                regions.setString(3, region.level().label());
                regions.setString(4, region.parentCode());
                regions.setString(5, region.provinceCode());
                regions.setInt(6, region.level().rank());
                regions.addBatch();
                List<Region> lineage = reference.lineage(region.code());
                for (Region ancestor : lineage) {
                    ancestors.setString(1, region.code());
                    ancestors.setString(2, ancestor.code());
                    ancestors.addBatch();
                }
            }
            regions.executeBatch();
            ancestors.executeBatch();
        }
    }
}
