/** The few exceptions every feature uses to say why a request cannot be honoured. */
package net.hosting.accounttransfer.common;
