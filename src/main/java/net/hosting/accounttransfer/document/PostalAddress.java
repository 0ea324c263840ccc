package net.hosting.accounttransfer.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A free-text postal address cut into the parts EN 16931 names: the first line, the other lines, and the postcode and
 * city from the line that starts with a postcode ("75011 Paris", "1000 Bruxelles", "D-10115 Berlin").
 */
record PostalAddress(String street, String more, String postcode, String city) {

    private static final Pattern POSTCODE_AND_CITY = Pattern.compile("^((?:[A-Z]{1,2}-)?\\d{4,5})\\s+(.+)$");

    static PostalAddress of(String address) {
        List<String> lines = new ArrayList<>();
        for (String line : (address == null ? "" : address).split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        String postcode = null;
        String city = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher matcher = POSTCODE_AND_CITY.matcher(lines.get(i));
            if (matcher.matches()) {
                postcode = matcher.group(1);
                city = matcher.group(2);
                // what follows the city line is the country's name, which the country code already says
                lines = lines.subList(0, i);
                break;
            }
        }
        String street = lines.isEmpty() ? null : lines.get(0);
        String more = lines.size() < 2 ? null : String.join(", ", lines.subList(1, lines.size()));
        return new PostalAddress(street, more, postcode, city);
    }
}
