/**
 * What every feature shares: the exceptions that say why a request cannot be honoured, and the one check of the
 * text a person typed.
 */
package net.hosting.accounttransfer.common;
