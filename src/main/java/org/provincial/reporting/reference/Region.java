package org.provincial.reporting.reference;

/** A GB/T 2260 region: its six-digit code, name, level and the region directly above it. */
public record Region(String code, String name, RegionLevel level, String parentCode, String provinceCode) {
}
