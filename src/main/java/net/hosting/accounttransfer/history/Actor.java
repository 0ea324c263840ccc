package net.hosting.accounttransfer.history;

/** Who did something and from which address; the process acts as {@link #SYSTEM}. */
public record Actor(String who, String remoteAddress) {

    public static final Actor SYSTEM = new Actor("system", null);

    public Actor {
        if (who == null || who.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }
}
