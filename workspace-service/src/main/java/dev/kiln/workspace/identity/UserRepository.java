package dev.kiln.workspace.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<User, UUID> {

  @Query("select u from User u where lower(u.name) = lower(?1)")
  Optional<User> findByNameIgnoringCase(String name);

  List<User> findAllByOrderByNameAsc(Limit limit);

  List<User> findByNameGreaterThanOrderByNameAsc(String after, Limit limit);
}
