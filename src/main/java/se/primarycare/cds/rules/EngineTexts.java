package se.primarycare.cds.rules;

/**
 * Texts the engine adds on its own, from {@code cds-services/engine.json}: the note on a suggestion whose code is
 * not verified ({@code {label}}, {@code {code}}).
 */
public record EngineTexts(LocalizedText unverifiedCode) {}
