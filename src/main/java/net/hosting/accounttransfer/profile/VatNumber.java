package net.hosting.accounttransfer.profile;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A VAT number as checked when entered (PRODUCT.md V3): written without spaces, in capitals, with the prefix of
 * the profile's country ({@code EL} for Greece), and the digits in that country's format, with its check digits
 * where this class knows them (France, Belgium). Outside the EU any 2 to 13 letters and digits follow the prefix.
 */
public record VatNumber(String value, String country) {

    /** The widest number accepted, and the width of {@code profile.vat_number} and {@code invoice.billed_vat_number}. */
    public static final int MAX_LENGTH = 20;

    /** The number after its prefix, per member state (European Commission, VIES: "VAT number validation"). */
    private static final Map<String, Pattern> FORMATS = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("\\d{11}")),
            Map.entry("GR", Pattern.compile("\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("[1-9]\\d{1,9}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")));

    private static final Pattern ELSEWHERE = Pattern.compile("[A-Z0-9]{2,13}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public VatNumber {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(country, "country");
    }

    /**
     * The number {@code raw} of a profile in {@code country}, normalised (capitals, no spaces, dots or hyphens).
     *
     * @throws IllegalArgumentException saying what is wrong, in words a customer can act on
     */
    public static VatNumber of(String raw, String country) {
        Objects.requireNonNull(raw, "raw");
        String iso = requireCountry(country);
        String number = raw.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        String prefix = prefixOf(iso);
        if (!number.startsWith(prefix)) {
            throw new IllegalArgumentException("A VAT number of a profile in " + iso + " starts with " + prefix
                    + ", and " + number + " does not.");
        }
        if (number.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A VAT number has at most " + MAX_LENGTH + " characters.");
        }
        String digits = number.substring(prefix.length());
        Pattern format = FORMATS.getOrDefault(iso, ELSEWHERE);
        if (!format.matcher(digits).matches()) {
            throw new IllegalArgumentException(number + " is not in the format of a " + prefix + " VAT number.");
        }
        if (iso.equals("FR") && !frenchKeyHolds(digits)) {
            throw new IllegalArgumentException(number + " is not a French VAT number: its key or its SIREN does not "
                    + "check out.");
        }
        if (iso.equals("BE") && !belgianCheckHolds(digits)) {
            throw new IllegalArgumentException(number + " is not a Belgian VAT number: its check digits are wrong.");
        }
        return new VatNumber(number, iso);
    }

    /** An ISO 3166-1 alpha-2 code, in capitals. */
    public static String requireCountry(String country) {
        String iso = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(iso)) {
            throw new IllegalArgumentException("'" + country + "' is not an ISO 3166-1 alpha-2 country code, "
                    + "such as FR, BE or DE.");
        }
        return iso;
    }

    /** The prefix VAT numbers of {@code country} carry: its ISO code, except Greece's EL. */
    static String prefixOf(String country) {
        return country.equals("GR") ? "EL" : country;
    }

    /** FR: key = (12 + 3 × (SIREN mod 97)) mod 97, and the SIREN passes Luhn. */
    private static boolean frenchKeyHolds(String digits) {
        int key = Integer.parseInt(digits.substring(0, 2));
        String siren = digits.substring(2);
        return key == (12 + 3 * (Long.parseLong(siren) % 97)) % 97 && luhn(siren);
    }

    /** BE: the last two of the 10 digits are 97 − (the first 8 mod 97). */
    private static boolean belgianCheckHolds(String digits) {
        long first = Long.parseLong(digits.substring(0, 8));
        return Integer.parseInt(digits.substring(8)) == 97 - first % 97;
    }

    private static boolean luhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int digit = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
