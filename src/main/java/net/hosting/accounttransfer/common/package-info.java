/** The few exceptions every feature uses to say why a request cannot be honoured, and the secret of a mailed or shown token. */
package net.hosting.accounttransfer.common;
