package net.hosting.accounttransfer.security;

/** What a client may be guessing; each kind has its own counters. */
public enum Guess {
    /** A password, through any door: the page form, API Basic, Camunda's sign-in, /engine-rest, /actuator. */
    SIGN_IN,
    /** An accept-link token on the accept page. */
    ACCEPT_LINK
}
