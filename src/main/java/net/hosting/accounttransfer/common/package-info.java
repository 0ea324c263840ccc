/**
 * What every feature shares: the exceptions that say why a request cannot be honoured (a broken rule names each
 * violation by a feature's own reason code), and the one check of the text a person typed.
 */
package net.hosting.accounttransfer.common;
