/** Guessing throttle (S3): failed sign-ins and wrong accept-link tokens, counted in PostgreSQL and answered with 429. */
package net.hosting.accounttransfer.throttle;
