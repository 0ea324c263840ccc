/**
 * What every feature shares: the few exceptions that say why a request cannot be honoured, the secret of a mailed
 * or shown token, a value read at most once per interval, and the paging of lists.
 */
package net.hosting.accounttransfer.common;
