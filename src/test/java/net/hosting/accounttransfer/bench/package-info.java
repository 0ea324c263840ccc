/** The benchmark ({@code ./mvnw -Pbench verify}): the production jar under load beside a bare Camunda engine. */
package net.hosting.accounttransfer.bench;
