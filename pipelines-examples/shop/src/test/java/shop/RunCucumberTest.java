package shop;

import io.cucumber.testng.AbstractTestNGCucumberTests;
import io.cucumber.testng.CucumberOptions;

@CucumberOptions(features = "classpath:shop", glue = "shop", plugin = {"json:target/cucumber.json"})
public class RunCucumberTest extends AbstractTestNGCucumberTests {}
