package se.primarycare.cds.measures.core;

/**
 * Which indicator of indicators.md a Measure computes, with its parameter.
 *
 * @param kind {@code an07}, {@code an09}, {@code did}, {@code sl28}, {@code sl14}, {@code activity},
 *     {@code starter-pack}, {@code long-term-use}
 * @param code the ATC prefix (did), the KVÅ code (activity) or the group (starter-pack: {@code benzodiazepines}
 *     or {@code z-drugs})
 * @param limit the tablet limit of starter-pack
 */
public record IndicatorSpec(String kind, String code, Integer limit) {}
