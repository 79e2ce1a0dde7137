// Routes of the clerk window, each with the roles that may open it. Hash history: files from app://counter/.
import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router';
import {
  ADMIN_ROLES,
  COUNTER_ROLES,
  REPORT_ROLES,
  TRAINER_ROLES,
  type Role,
} from '../../preload/contract/rules/roles';
import { useSessionStore } from './stores/session-store';
import AuditView from './workflows/admin/AuditView.vue';
import BackupView from './workflows/admin/BackupView.vue';
import OperatorsView from './workflows/admin/OperatorsView.vue';
import PreflightView from './workflows/admin/PreflightView.vue';
import CardHealthView from './workflows/card-health/CardHealthView.vue';
import FindView from './workflows/find/FindView.vue';
import ResidentHistoryView from './workflows/find/ResidentHistoryView.vue';
import ProcedureView from './workflows/procedure/ProcedureView.vue';
import SuspensionView from './workflows/procedure/SuspensionView.vue';
import DailyReportView from './workflows/reports/DailyReportView.vue';
import StockView from './workflows/stock/StockView.vue';
import ScenarioTrainerView from './workflows/scenarios/ScenarioTrainerView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    titleKey?: string;
    /** Who may open the screen. The UI only: main checks every call again (CHANNEL_ACCESS). */
    roles?: readonly Role[];
  }
}

/** Where an operator of this role starts, and goes when a screen is not theirs. */
export function homeFor(role: Role): string {
  return role === 'admin' ? '/admin/operators' : '/';
}

export function mayOpen(route: RouteLocationNormalized, role: Role): boolean {
  const roles = route.meta.roles;
  return !roles || roles.includes(role);
}

/** A route parameter as one path segment again. */
function param(value: string | string[] | undefined): string {
  return encodeURIComponent(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      {
        path: '/',
        name: 'card-health',
        component: CardHealthView,
        meta: { titleKey: 'cardHealth.title', roles: COUNTER_ROLES },
      },
      // 交付 and the card's procedures find the resident on one screen, each its own search first.
      {
        path: '/issuance',
        name: 'issuance',
        component: FindView,
        props: { entry: 'issuance' },
        meta: { titleKey: 'issuance.title', roles: COUNTER_ROLES },
      },
      {
        path: '/life',
        name: 'life',
        component: FindView,
        props: { entry: 'card' },
        meta: { titleKey: 'life.find.title', roles: COUNTER_ROLES },
      },
      {
        path: '/resident/:residentId',
        name: 'resident-history',
        component: ResidentHistoryView,
        props: true,
        meta: { titleKey: 'life.history.title', roles: COUNTER_ROLES },
      },
      {
        path: '/resident/:residentId/suspend/:cardId',
        name: 'suspend',
        component: SuspensionView,
        props: true,
        meta: { titleKey: 'life.kinds.suspension', roles: COUNTER_ROLES },
      },
      {
        path: '/procedure/:procedureId',
        name: 'procedure',
        component: ProcedureView,
        props: true,
        meta: { titleKey: 'nav.procedure', roles: COUNTER_ROLES },
      },
      // The addresses of the screens before there was one procedure screen.
      {
        path: '/issuance/:procedureId',
        redirect: (to) => `/procedure/${param(to.params.procedureId)}`,
      },
      {
        path: '/life/procedure/:procedureId',
        redirect: (to) => `/procedure/${param(to.params.procedureId)}`,
      },
      {
        path: '/life/resident/:residentId',
        redirect: (to) => ({ path: `/resident/${param(to.params.residentId)}`, query: to.query }),
      },
      {
        path: '/life/resident/:residentId/suspend/:cardId',
        redirect: (to) =>
          `/resident/${param(to.params.residentId)}/suspend/${param(to.params.cardId)}`,
      },
      {
        path: '/reports/daily',
        name: 'daily-report',
        component: DailyReportView,
        meta: { titleKey: 'reports.title', roles: REPORT_ROLES },
      },
      // Every counter role: the clerk tells a resident whose card waits when it goes (廃棄).
      {
        path: '/stock',
        name: 'stock',
        component: StockView,
        meta: { titleKey: 'stock.title', roles: COUNTER_ROLES },
      },
      {
        path: '/practice/scenarios',
        name: 'scenarios',
        component: ScenarioTrainerView,
        meta: { titleKey: 'scenarios.trainerTitle', roles: TRAINER_ROLES },
      },
      {
        path: '/admin/operators',
        name: 'operators',
        component: OperatorsView,
        meta: { titleKey: 'operators.title', roles: ADMIN_ROLES },
      },
      {
        path: '/admin/audit',
        name: 'audit',
        component: AuditView,
        meta: { titleKey: 'audit.title', roles: ADMIN_ROLES },
      },
      {
        path: '/admin/backup',
        name: 'backup',
        component: BackupView,
        meta: { titleKey: 'backup.title', roles: ADMIN_ROLES },
      },
      {
        path: '/admin/preflight',
        name: 'preflight',
        component: PreflightView,
        meta: { titleKey: 'preflight.title', roles: ADMIN_ROLES },
      },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach((to) => {
    // Before login no screen is drawn (App shows login); App re-checks the route when someone logs in.
    const role = useSessionStore().role;
    if (role && !mayOpen(to, role)) return homeFor(role);
    return true;
  });

  return router;
}
