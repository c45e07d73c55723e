package se.primarycare.cds.synthetic;

/**
 * A vårdcentral. {@code listShare} is its relative size; {@code kbtShare} the share of newly diagnosed anxiety
 * patients who get KBT within 180 days, which differs between units in the seed reports (Bra Liv Bankeryd
 * about 50 %, the Bra Liv average 15 %), so unit comparisons in Ån09 have something to show.
 */
public record CareUnit(String id, String hsaId, String name, double listShare, double kbtShare) {

    public String reference() {
        return "Organization/" + id;
    }
}
