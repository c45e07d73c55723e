package se.primarycare.cds.synthetic;

import java.util.List;

/**
 * Common Swedish first names and surnames (SCB name statistics), so that records look plausible in a UI.
 * Names carry no meaning for rules or measures.
 */
final class SwedishNames {

    private static final List<String> MALE = List.of(
            "Lars",
            "Mikael",
            "Anders",
            "Johan",
            "Erik",
            "Per",
            "Karl",
            "Peter",
            "Thomas",
            "Daniel",
            "Fredrik",
            "Jan",
            "Hans",
            "Andreas",
            "Stefan",
            "Magnus",
            "Mats",
            "Oskar",
            "Alexander",
            "Nils",
            "William",
            "Liam",
            "Hugo",
            "Elias",
            "Lucas",
            "Ali",
            "Mohammed",
            "Emil",
            "Viktor",
            "Gustav");
    private static final List<String> FEMALE = List.of(
            "Anna",
            "Eva",
            "Maria",
            "Karin",
            "Sara",
            "Kristina",
            "Lena",
            "Emma",
            "Kerstin",
            "Marie",
            "Ingrid",
            "Malin",
            "Jenny",
            "Hanna",
            "Linda",
            "Elin",
            "Sofia",
            "Ida",
            "Johanna",
            "Maja",
            "Alice",
            "Elsa",
            "Ella",
            "Wilma",
            "Ebba",
            "Fatima",
            "Amira",
            "Birgitta",
            "Margareta",
            "Astrid");
    private static final List<String> FAMILY = List.of(
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
            "Pettersson",
            "Jonsson",
            "Jansson",
            "Hansson",
            "Bengtsson",
            "Jönsson",
            "Lindberg",
            "Jakobsson",
            "Magnusson",
            "Olofsson",
            "Lindström",
            "Lindqvist",
            "Lindgren",
            "Berg",
            "Axelsson",
            "Bergström",
            "Lundberg",
            "Lind",
            "Lundgren",
            "Mattsson",
            "Berglund",
            "Fredriksson",
            "Sandberg",
            "Henriksson",
            "Ali",
            "Mohammed",
            "Holm",
            "Nyström",
            "Ekström",
            "Sjöberg");

    private SwedishNames() {}

    static String given(boolean male, RandomDraws draws) {
        return draws.oneOf(male ? MALE : FEMALE);
    }

    static String family(RandomDraws draws) {
        return draws.oneOf(FAMILY);
    }
}
