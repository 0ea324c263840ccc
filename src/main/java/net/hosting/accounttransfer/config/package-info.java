/** Wiring: typed settings, security, the clock, the process engine's plugins and error answers. */
package net.hosting.accounttransfer.config;
