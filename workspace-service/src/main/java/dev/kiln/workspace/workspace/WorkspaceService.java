package dev.kiln.workspace.workspace;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.auth.Identity;
import dev.kiln.common.events.WorkspaceCreated;
import dev.kiln.common.events.WorkspaceDeleted;
import dev.kiln.common.id.Ids;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, lists and deletes workspaces, announcing changes through the outbox. */
@Service
class WorkspaceService {

  private final WorkspaceRepository workspaces;
  private final WorkspaceMemberRepository members;
  private final MemberService memberService;
  private final ApplicationEventPublisher events;

  WorkspaceService(
      WorkspaceRepository workspaces,
      WorkspaceMemberRepository members,
      MemberService memberService,
      ApplicationEventPublisher events) {
    this.workspaces = workspaces;
    this.members = members;
    this.memberService = memberService;
    this.events = events;
  }

  @Transactional
  public WorkspaceResponse create(CreateWorkspaceRequest request) {
    if (workspaces.existsByNameIgnoringCase(request.name())) {
      throw new WorkspaceAlreadyExistsException(request.name());
    }
    Workspace workspace =
        new Workspace(
            Ids.newId(),
            request.name(),
            request.description(),
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    try {
      workspaces.saveAndFlush(workspace);
    } catch (DataIntegrityViolationException e) {
      // A concurrent create of the same name won the race.
      throw new WorkspaceAlreadyExistsException(request.name());
    }
    Identity creator = CurrentIdentity.get();
    if (!creator.system()) {
      memberService.addOwner(workspace.id(), UUID.fromString(creator.subject()));
    }
    events.publishEvent(
        WorkspaceCreated.of(workspace.id(), workspace.name(), workspace.description()));
    return WorkspaceResponse.of(workspace);
  }

  @Transactional(readOnly = true)
  public WorkspaceResponse get(String name) {
    return WorkspaceResponse.of(find(name));
  }

  /** The workspaces the caller is a member of; an administrator sees all. */
  @Transactional(readOnly = true)
  public Page<WorkspaceResponse> list(PageRequest page) {
    Limit limit = Limit.of(page.fetchSize());
    Identity caller = CurrentIdentity.get();
    List<Workspace> rows;
    if (caller.admin() || caller.system()) {
      rows =
          page.after() == null
              ? workspaces.findAllByOrderByNameAsc(limit)
              : workspaces.findByNameGreaterThanOrderByNameAsc(page.after(), limit);
    } else {
      List<UUID> mine = members.workspaceIdsOf(UUID.fromString(caller.subject()));
      rows =
          page.after() == null
              ? workspaces.findByIdInOrderByNameAsc(mine, limit)
              : workspaces.findByIdInAndNameGreaterThanOrderByNameAsc(mine, page.after(), limit);
    }
    return Page.fromOverfetched(rows, page, Workspace::name).map(WorkspaceResponse::of);
  }

  @Transactional
  public void delete(String name) {
    Workspace workspace = find(name);
    workspaces.delete(workspace);
    events.publishEvent(WorkspaceDeleted.of(workspace.id(), workspace.name()));
  }

  private Workspace find(String name) {
    return workspaces.findByName(name).orElseThrow(() -> new WorkspaceNotFoundException(name));
  }
}
