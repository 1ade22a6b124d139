package shop;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.testng.AbstractTestNGSpringContextTests;
import org.springframework.test.web.servlet.MockMvc;
import org.testng.annotations.Test;

@SpringBootTest
@AutoConfigureMockMvc
public class CartApiTest extends AbstractTestNGSpringContextTests {
    @Autowired
    private MockMvc mvc;

    @Test
    public void addsItemsOverHttp() throws Exception {
        mvc.perform(post("/cart/items").contentType(MediaType.APPLICATION_JSON).content("{\"cents\": 250}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(250));
        mvc.perform(get("/cart")).andExpect(jsonPath("$.receipt").value("1 items"));
    }
}
