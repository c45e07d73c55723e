package se.primarycare.cds.synthetic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates the vårdcentraler. Names are places in Region Jönköping, where the seed reports come from; the
 * HSA-ids use the region's organisation number prefix (SE2321000065) followed by a made-up unit number.
 */
public final class CareUnits {

    private static final List<String> PLACES = List.of(
            "Bankeryd",
            "Nyhälsan",
            "Forserum",
            "Huskvarna",
            "Habo",
            "Mullsjö",
            "Gränna",
            "Tenhult",
            "Norrahammar",
            "Taberg",
            "Vaggeryd",
            "Skillingaryd",
            "Tranås",
            "Eksjö",
            "Aneby",
            "Sävsjö",
            "Vetlanda",
            "Värnamo",
            "Gislaved",
            "Gnosjö",
            "Anderstorp",
            "Smålandsstenar",
            "Råslätt",
            "Öxnehaga");

    /** Seed: KBT for about 50 % of new anxiety at Bankeryd; scaled down to keep the population mean near 20 %. */
    static final double FIRST_UNIT_KBT_SHARE = 0.35;
    /** Seed: "Bra Liv i snitt ligger på 15 %". */
    static final double OTHER_UNITS_KBT_SHARE = 0.15;

    private CareUnits() {}

    public static List<CareUnit> create(int count, RandomDraws draws) {
        List<CareUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String place = PLACES.get(i % PLACES.size());
            int round = i / PLACES.size();
            String name = "Vårdcentralen " + place + (round == 0 ? "" : " " + (round + 1));
            String id = "vc-" + slug(place) + (round == 0 ? "" : "-" + (round + 1));
            String hsaId = String.format("SE2321000065-%04d", 1001 + i);
            // Real units differ in size; ±30 % keeps every unit big enough for per-unit rates.
            double listShare = draws.uniform(0.7, 1.3);
            double kbtShare = i == 0 ? FIRST_UNIT_KBT_SHARE : OTHER_UNITS_KBT_SHARE;
            units.add(new CareUnit(id, hsaId, name, listShare, kbtShare));
        }
        return List.copyOf(units);
    }

    /** FHIR ids allow only [A-Za-z0-9-.]: strip the Swedish diacritics (å→a, ö→o). */
    static String slug(String place) {
        String ascii = Normalizer.normalize(place, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
