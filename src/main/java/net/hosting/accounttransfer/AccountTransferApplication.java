package net.hosting.accounttransfer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Account transfer ("cession de compte") between the customers of a hosting provider. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AccountTransferApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccountTransferApplication.class, args);
    }
}
