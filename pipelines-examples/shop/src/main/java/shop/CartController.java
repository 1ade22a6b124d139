package shop;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CartController {
    private final Cart cart = new Cart();

    @PostMapping("/cart/items")
    public Map<String, Integer> add(@RequestBody Map<String, Integer> item) {
        cart.add(item.get("cents"));
        return Map.of("total", cart.total());
    }

    @GetMapping("/cart")
    public Map<String, Object> show() {
        return Map.of("total", cart.total(), "receipt", cart.receipt());
    }
}
