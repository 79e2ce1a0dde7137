// Routes of the clerk window, each with the roles that may open it. Hash history: files from app://counter/.
import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router';
import {
  ADMIN_ROLES,
  COUNTER_ROLES,
  REPORT_ROLES,
  type Role,
} from '../../preload/contract/rules/roles';
import { useSessionStore } from './stores/session-store';
import AuditView from './workflows/admin/AuditView.vue';
import BackupView from './workflows/admin/BackupView.vue';
import OperatorsView from './workflows/admin/OperatorsView.vue';
import CardHealthView from './workflows/card-health/CardHealthView.vue';
import IssuanceFindView from './workflows/issuance/IssuanceFindView.vue';
import IssuanceProcedureView from './workflows/issuance/IssuanceProcedureView.vue';
import LifeFindView from './workflows/lifecycle/LifeFindView.vue';
import LifeProcedureView from './workflows/lifecycle/LifeProcedureView.vue';
import ResidentHistoryView from './workflows/lifecycle/ResidentHistoryView.vue';
import SuspensionView from './workflows/lifecycle/SuspensionView.vue';
import DailyReportView from './workflows/reports/DailyReportView.vue';

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
      {
        path: '/issuance',
        name: 'issuance',
        component: IssuanceFindView,
        meta: { titleKey: 'issuance.title', roles: COUNTER_ROLES },
      },
      {
        path: '/issuance/:procedureId',
        name: 'issuance-procedure',
        component: IssuanceProcedureView,
        props: true,
        meta: { titleKey: 'issuance.title', roles: COUNTER_ROLES },
      },
      {
        path: '/life',
        name: 'life',
        component: LifeFindView,
        meta: { titleKey: 'life.find.title', roles: COUNTER_ROLES },
      },
      {
        path: '/life/resident/:residentId',
        name: 'life-history',
        component: ResidentHistoryView,
        props: true,
        meta: { titleKey: 'life.history.title', roles: COUNTER_ROLES },
      },
      {
        path: '/life/resident/:residentId/suspend/:cardId',
        name: 'life-suspend',
        component: SuspensionView,
        props: true,
        meta: { titleKey: 'life.kinds.suspension', roles: COUNTER_ROLES },
      },
      {
        path: '/life/procedure/:procedureId',
        name: 'life-procedure',
        component: LifeProcedureView,
        props: true,
        meta: { titleKey: 'life.find.title', roles: COUNTER_ROLES },
      },
      {
        path: '/reports/daily',
        name: 'daily-report',
        component: DailyReportView,
        meta: { titleKey: 'reports.title', roles: REPORT_ROLES },
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
